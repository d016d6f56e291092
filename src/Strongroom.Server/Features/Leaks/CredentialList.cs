using System.Text.Json;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Leaks;

/// <summary>The <c>{"credentials": [...]}</c> list both credential endpoints take: 1 to 1000 strings of 1 to 200 characters.</summary>
internal static class CredentialList
{
    public const int MaxItems = 1000;
    public const int MaxItemLength = 200;

    /// <summary>The strings, trimmed; or the 400 to answer with.</summary>
    public static (List<string>? Items, BadRequestError? Error) Read(JsonElement? credentials)
    {
        if (credentials is not { ValueKind: JsonValueKind.Array } list || list.GetArrayLength() is 0 or > MaxItems)
        {
            return (null, ApiError.BadRequest("invalid_credentials", $"credentials must be a list of 1 to {MaxItems} strings"));
        }

        var items = new List<string>(list.GetArrayLength());
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 and <= MaxItemLength } candidate)
            {
                return (null, ApiError.BadRequest("invalid_credentials", $"each credential must be a string of 1 to {MaxItemLength} characters"));
            }

            items.Add(candidate.Trim());
        }

        return (items, null);
    }
}
