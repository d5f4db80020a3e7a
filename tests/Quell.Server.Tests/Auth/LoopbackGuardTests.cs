using Quell.Server.Auth;

namespace Quell.Server.Tests.Auth;

public sealed class LoopbackGuardTests
{
    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://[::]:5080")]
    [InlineData("http://192.168.1.10:5080")]
    [InlineData("http://example.com:5080")]
    public void Binding_beyond_loopback_without_keys_refuses_to_start(string url)
    {
        var error = Assert.Throws<InvalidOperationException>(() => QuellServer.Build([], options =>
        {
            options.Urls.Clear();
            options.Urls.Add(url);
        }));

        Assert.Contains("without API keys", error.Message, StringComparison.Ordinal);
        Assert.Contains(url, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binding_beyond_loopback_with_keys_is_allowed()
    {
        await using var app = QuellServer.Build([], options =>
        {
            options.Urls.Clear();
            options.Urls.Add("http://0.0.0.0:0");
            options.ApiKeys.Add(new ApiKey("key", "alice"));
        });
    }

    [Fact]
    public void Keys_and_addresses_from_the_command_line_are_honoured()
    {
        Assert.Throws<InvalidOperationException>(() => QuellServer.Build(["--urls=http://0.0.0.0:0"]));
        Assert.Throws<InvalidOperationException>(() => QuellServer.Build(["--Kestrel:Endpoints:Http:Url=http://0.0.0.0:0"]));

        using var withEnvironmentStyleKeys = QuellServer.Build(["--urls=http://0.0.0.0:0", "--QUELL_API_KEYS=k1=alice;k2=bob"]);
        using var withSectionKeys = QuellServer.Build(
            ["--urls=http://0.0.0.0:0", "--Quell:ApiKeys:0:Key=k1", "--Quell:ApiKeys:0:Owner=alice"]);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://127.0.0.2:0", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("https://[::1]:5080", true)]
    [InlineData("http://unix:/tmp/quell.sock", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://10.0.0.1:5080", false)]
    [InlineData("not a url", false)]
    public void Loopback_addresses_are_recognised(string url, bool loopback)
    {
        Assert.Equal(loopback, LoopbackGuard.IsLoopback(url));
    }
}
