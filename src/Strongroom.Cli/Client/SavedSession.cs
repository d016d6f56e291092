namespace Strongroom.Cli.Client;

/// <summary>
/// What <c>strongroom login</c> keeps between runs: the server, who signed in, and the session
/// cookie and CSRF token the server returned. Both values are secrets; they live only in the 0600 file.
/// </summary>
internal sealed record SavedSession(string Server, string Username, string Cookie, string CsrfToken, DateTimeOffset CreatedAt);
