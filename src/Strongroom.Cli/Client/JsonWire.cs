using System.Text.Json;
using System.Text.Json.Serialization;

namespace Strongroom.Cli.Client;

/// <summary>The JSON conventions of the API (camelCase, nulls left out) and of the CLI's own output.</summary>
internal static class JsonWire
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Serializes an object of the CLI's own output (when the server returned no body to pass through).</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
