namespace Strongroom.Core.Tests.Authorization.Model;

/// <summary>One generated case: a hub, a caller and a request. Its text is the counterexample FsCheck prints.</summary>
public sealed record Scenario(ModelHub Hub, ModelCaller Caller, ModelRequest Request)
{
    public override string ToString() => $"{Environment.NewLine}  hub: {Hub}{Environment.NewLine}  caller: {Caller}{Environment.NewLine}  request: {Request}";
}
