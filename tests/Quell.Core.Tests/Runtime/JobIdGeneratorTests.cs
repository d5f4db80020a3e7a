using Quell.Runtime;

namespace Quell.Core.Tests.Runtime;

public sealed class JobIdGeneratorTests
{
    [Fact]
    public void Ids_are_uuid_v7_in_the_order_they_were_made()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var ids = Enumerable.Range(0, 20_000).Select(_ => JobIdGenerator.NewId()).ToArray();

        Assert.All(ids, id =>
        {
            Assert.Matches("^[0-9a-f]{32}$", id);
            var uuid = Guid.ParseExact(id, "N");
            Assert.Equal(7, uuid.Version);
            Assert.Equal(0b10, Convert.ToInt32(id[16].ToString(), 16) >> 2); // RFC 9562 variant
        });
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        var firstMs = Convert.ToInt64(ids[0][..12], 16);
        Assert.InRange(firstMs, before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1);
    }

    [Fact]
    public async Task Ids_made_on_many_threads_at_once_are_all_different()
    {
        var made = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 5_000).Select(_ => JobIdGenerator.NewId()).ToArray())));

        var all = made.SelectMany(ids => ids).ToArray();
        Assert.Equal(all.Length, all.Distinct(StringComparer.Ordinal).Count());
        Assert.All(made, ids => Assert.Equal(ids.Order(StringComparer.Ordinal), ids));
    }
}
