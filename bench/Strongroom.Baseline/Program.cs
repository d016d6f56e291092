// The framework's floor for the auth-path benchmark (bench/auth-path.sh): Kestrel and a minimal API
// answering a JSON object of a given size, with no authentication, middleware or database.
// Usage: dotnet Strongroom.Baseline.dll --urls http://127.0.0.1:PORT [--size BYTES]
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var size = app.Configuration.GetValue("size", 400);
// {"type":"user","id":"…","padding":"…"}: the padding makes the body as long as the endpoint compared.
var padding = new string('x', Math.Max(0, size - 60));
var body = new Floor("user", "0123456789abcdef01234567", padding);
app.MapGet("/json", () => TypedResults.Ok(body));
app.MapPost("/json", () => TypedResults.Ok(body));
app.Run();

internal sealed record Floor(string Type, string Id, string Padding);
