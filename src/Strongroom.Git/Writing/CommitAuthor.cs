namespace Strongroom.Git.Writing;

/// <summary>Who a commit names as its author and committer.</summary>
public sealed record CommitAuthor
{
    public CommitAuthor(string name, string email)
    {
        // fast-import takes "Name <email>" on one line: characters that would end the name or the
        // address early, or the line, are dropped rather than trusted.
        Name = Clean(name);
        Email = Clean(email);
    }

    public static CommitAuthor Hub { get; } = new("Strongroom", "noreply@strongroom.invalid");

    public string Name { get; }

    public string Email { get; }

    private static string Clean(string value) =>
        new([.. value.Where(c => c is not ('<' or '>') && !char.IsControl(c))]);
}
