using System.Text;
using Microsoft.AspNetCore.Http;
using Parvis.Web.Kernel.Web;

namespace Parvis.Tests.Unit;

[Trait("Suite", "unit")]
public sealed class WholeResponseTests
{
    /// <summary>Stands for the connection: records each write it is given.</summary>
    private sealed class Connection : MemoryStream
    {
        public List<int> Writes { get; } = [];

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes.Add(buffer.Length);
            return base.WriteAsync(buffer, cancellationToken);
        }
    }

    private static async Task<(HttpContext Context, Connection Connection)> RenderAsync(int pieces, int pieceLength)
    {
        var connection = new Connection();
        var context = new DefaultHttpContext();
        context.Response.Body = connection;
        var middleware = new WholeResponseMiddleware(async http =>
        {
            var piece = Encoding.UTF8.GetBytes(new string('é', pieceLength / 2));
            for (var i = 0; i < pieces; i++)
            {
                await http.Response.Body.WriteAsync(piece);
                await http.Response.Body.FlushAsync();
            }
        });
        await middleware.InvokeAsync(context);
        return (context, connection);
    }

    [Fact]
    public async Task A_page_written_in_pieces_is_sent_in_one_write_with_its_length()
    {
        var (context, connection) = await RenderAsync(pieces: 5, pieceLength: 8_000);
        Assert.Equal([40_000], connection.Writes);
        Assert.Equal(40_000, context.Response.ContentLength);
        Assert.Equal(40_000, connection.Length);
        Assert.Same(connection, context.Response.Body);
    }

    [Fact]
    public async Task A_response_past_the_limit_is_streamed_whole_without_a_length()
    {
        var (context, connection) = await RenderAsync(pieces: 40, pieceLength: 10_000);
        Assert.Null(context.Response.ContentLength);
        Assert.Equal(400_000, connection.Length);
        Assert.True(connection.Writes.Count > 2, "the pieces after the limit go straight to the connection");
        Assert.True(connection.Writes.Max() <= WholeResponseMiddleware.Limit);
    }
}
