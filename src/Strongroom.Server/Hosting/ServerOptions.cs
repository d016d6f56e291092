namespace Strongroom.Server.Hosting;

/// <summary>Configuration section <c>Server</c>.</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>Where the embedded database, key files and the first admin's password live.</summary>
    public string DataDirectory { get; set; } = ".strongroom";

    /// <summary>Largest request body accepted by the JSON API.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
