using Microsoft.AspNetCore.Http.HttpResults;
using System.Text;
using Strongroom.Core.Secrets;
using Strongroom.Server.Features.Errors;

namespace Strongroom.Server.Features.Spaces;

/// <summary>Checks one secret or variable from outside before anything is stored or sealed.</summary>
internal static class SpaceConfigRules
{
    /// <summary>The error to answer with, or null when the entry is acceptable.</summary>
    public static Results<BadRequestError, PayloadTooLargeError>? Check(string? key, string? value, string? description)
    {
        if (!SpaceConfigLimits.IsValidKey(key))
        {
            return ApiError.BadRequest("invalid_key",
                $"key must start with a letter and hold only letters, digits and underscores (^[a-zA-Z][_a-zA-Z0-9]*$, at most {SpaceConfigLimits.MaxKeyLength} characters)");
        }

        if (value is null)
        {
            return ApiError.BadRequest("invalid_value", "value is required (it may be empty)");
        }

        if (value.Length > SpaceConfigLimits.MaxValueBytes || Encoding.UTF8.GetByteCount(value) > SpaceConfigLimits.MaxValueBytes)
        {
            return ApiError.TooLarge("value_too_large",
                $"value is larger than {SpaceConfigLimits.MaxValueBytes / 1024} KiB");
        }

        if (description is { Length: > SpaceConfigLimits.MaxDescriptionLength })
        {
            return ApiError.BadRequest("invalid_description", $"description is longer than {SpaceConfigLimits.MaxDescriptionLength} characters");
        }

        // Text for people: line breaks and tabs, but no terminal escapes or other control characters.
        if (description is not null && description.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            return ApiError.BadRequest("invalid_description", "description may not hold control characters other than line breaks and tabs");
        }

        return null;
    }
}
