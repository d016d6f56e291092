using System.Collections.Concurrent;
using FsCheck;
using FsCheck.Fluent;
using Strongroom.Core.Authorization;
using Strongroom.Core.Tests.Authorization.Model;
using Xunit.Abstractions;

namespace Strongroom.Core.Tests.Authorization;

/// <summary>
/// <see cref="Authorizer.Decide"/> against an independent reference model of SPEC §2 over random hubs,
/// callers of every kind and requests. A disagreement fails with the shrunk case: hub, caller, request,
/// the expected status and the decision.
/// </summary>
public sealed class AuthorizerPropertyTests(ITestOutputHelper output)
{
    private const int Cases = 10_000;

    [Fact]
    public void Decide_RandomHubsTokensAndRequests_AgreesWithTheReferenceModel()
    {
        // Arrange
        var statuses = new ConcurrentDictionary<string, int>();
        var property = Prop.ForAll(ScenarioGen.Arbitrary(), scenario =>
        {
            var expected = ReferenceModel.ExpectedStatus(scenario);

            // Act
            var decision = ScenarioFacts.Decide(scenario);

            // Assert
            if (decision.Status != expected || decision.Allowed != (expected == 200))
            {
                throw new InvalidOperationException($"expected {expected}, Authorizer decided {decision.Status} {decision.Code} ({decision.Reason})");
            }

            statuses.AddOrUpdate($"{scenario.Caller.Kind} {expected}", 1, (_, n) => n + 1);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true), property);

        // The generator must reach every outcome for every kind of caller that can have it, or agreement proves little.
        foreach (var (key, count) in statuses.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{key}: {count}");
        }

        Assert.Equal(Cases, statuses.Values.Sum());
        foreach (var kind in Enum.GetValues<CallerKind>())
        {
            int[] reachable = kind switch
            {
                CallerKind.Anonymous => [200, 401],
                CallerKind.Runner => [403, 404],
                _ => [200, 403, 404],
            };
            foreach (var status in reachable)
            {
                Assert.True(statuses.GetValueOrDefault($"{kind} {status}") >= 10, $"too few cases of {kind} answered {status}");
            }
        }
    }
}
