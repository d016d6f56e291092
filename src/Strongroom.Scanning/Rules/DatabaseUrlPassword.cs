namespace Strongroom.Scanning.Rules;

/// <summary>Rejects the passwords that documentation and templates put in connection URLs.</summary>
internal static class DatabaseUrlPassword
{
    private static readonly HashSet<string> Stock = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwd", "pass", "pwd", "secret", "postgres", "root", "admin", "user", "username",
        "test", "guest", "mysql", "mongo", "redis", "rabbitmq", "changeme", "example", "dbpass", "db_password",
        "mypassword", "mysecretpassword", "hunter2", "foobar", "foo", "bar", "xxx", "***",
    };

    public static bool IsReal(string password) =>
        password.Length >= 3
        && !Stock.Contains(password)
        && password[0] is not ('$' or '%' or '{' or '<' or '[' or '*');
}
