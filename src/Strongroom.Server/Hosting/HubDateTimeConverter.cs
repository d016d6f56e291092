using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Strongroom.Server.Hosting;

/// <summary>
/// Writes times as the hub does, UTC with milliseconds and a <c>Z</c> (JavaScript's <c>toISOString</c>):
/// <c>huggingface_hub</c>'s <c>parse_datetime</c> accepts only that shape. Reads any ISO 8601 time.
/// </summary>
internal sealed class HubDateTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}
