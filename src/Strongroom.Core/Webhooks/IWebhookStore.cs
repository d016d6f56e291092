namespace Strongroom.Core.Webhooks;

/// <summary>Reads the webhooks an event goes to.</summary>
public interface IWebhookStore
{
    /// <summary>Every webhook of a user or an organization, oldest first.</summary>
    Task<IReadOnlyList<Webhook>> ListForOwnerAsync(string ownerId, CancellationToken cancellationToken);
}
