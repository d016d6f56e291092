using System.Net;
using System.Text.Json;

namespace Strongroom.Server.Tests.Infrastructure;

/// <summary>Reading API answers in tests: the status first (with the body in the failure message), then the JSON.</summary>
public static class ApiAssert
{
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
