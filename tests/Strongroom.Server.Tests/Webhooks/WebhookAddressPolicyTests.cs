using System.Net;
using Strongroom.Notifications.Webhooks;

namespace Strongroom.Server.Tests.Webhooks;

/// <summary>Which addresses a webhook may reach while <c>Webhooks:AllowPrivateNetworks</c> is off.</summary>
public sealed class WebhookAddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")] // cloud metadata
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("ff02::1")]
    public void IsPublic_InternalAddress_IsFalse(string address) =>
        Assert.False(WebhookAddressPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:2800:21f:cb07:6820:80da:af6b:8b2c")]
    [InlineData("::ffff:8.8.8.8")]
    public void IsPublic_PublicAddress_IsTrue(string address) =>
        Assert.True(WebhookAddressPolicy.IsPublic(IPAddress.Parse(address)));
}
