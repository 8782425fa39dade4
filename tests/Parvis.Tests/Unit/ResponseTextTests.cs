using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ViewFeatures.Buffers;
using Parvis.Web.Kernel.Web.Throughput;

namespace Parvis.Tests.Unit;

[Trait("Suite", "unit")]
public sealed class ResponseTextTests
{
    /// <summary>The framework's parts, standing in for what the decorators hand on.</summary>
    private sealed class Framework : IViewBufferScope, IHttpResponseStreamWriterFactory
    {
        public readonly TextWriter Writer = new StringWriter();
        public ViewBufferValue[] GetPage(int pageSize) => new ViewBufferValue[pageSize];
        public void ReturnSegment(ViewBufferValue[] segment) { }
        public TextWriter CreateWriter(TextWriter writer) => Writer;
        public TextWriter CreateWriter(Stream stream, Encoding encoding) => Writer;
    }

    /// <summary>The server's response, which is also its body, as Kestrel's is.</summary>
    private sealed class ServerResponse(Stream body) : StreamResponseBodyFeature(body), IHttpResponseFeature
    {
        public int StatusCode { get; set; } = StatusCodes.Status200OK;
        public string? ReasonPhrase { get; set; }
        public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();
        public Stream Body { get => Stream; set => throw new NotSupportedException(); }
        public bool HasStarted => false;
        public void OnStarting(Func<object, Task> callback, object state) { }
        public void OnCompleted(Func<object, Task> callback, object state) { }
    }

    private static readonly ResponseText.ViewBufferScope _scope = new(new Framework());

    private static string Sent(MemoryStream body) => Encoding.UTF8.GetString(body.ToArray());

    [Fact]
    public async Task Text_written_in_any_way_comes_out_as_the_same_utf8()
    {
        var body = new MemoryStream();
        var writer = ResponseText.For(new StreamResponseBodyFeature(body));
        var long_ = string.Concat(Enumerable.Range(0, 4_000).Select(i => $"<li>Idée {i} des habitants et des habitantes</li>"));

        writer.Write("<p>Bonjour ");
        writer.Write('à');
        writer.Write(" tous et à toutes".ToCharArray(), 0, 17);
        writer.Write(" ".AsSpan());
        // A character outside the first plane, its two halves in two writes.
        writer.Write("\uD83C");
        await writer.WriteAsync("\uDFDB</p>");
        await writer.WriteAsync('\n');
        await writer.WriteAsync("Très long :".ToCharArray(), 0, 11);
        await writer.WriteAsync(long_.AsMemory());
        await writer.DisposeAsync();

        Assert.Equal($"<p>Bonjour à tous et à toutes 🏛</p>\nTrès long :{long_}", Sent(body));
    }

    /// <summary>What comes out of these writes, each a call of its own. (Lone halves cannot go through test attributes: their metadata mangles them.)</summary>
    private static async Task<string> SentAfter(params string[] writes)
    {
        var body = new MemoryStream();
        var writer = ResponseText.For(new StreamResponseBodyFeature(body));
        foreach (var write in writes)
        {
            writer.Write(write);
        }
        await writer.DisposeAsync();
        return Sent(body);
    }

    [Fact]
    public async Task A_half_character_left_alone_becomes_the_replacement_character() =>
        Assert.Equal("a\uFFFDbc\uFFFD", await SentAfter("a\uD83C", "b", "c\uD83C"));

    [Fact]
    public async Task A_half_held_back_followed_by_a_whole_character_keeps_the_whole_one() =>
        Assert.Equal("\uFFFD🏛abc\uFFFD🏛", await SentAfter("\uD83C", "\uD83C\uDFDBabc\uD83C", "\uD83C", "\uDFDB"));

    [Fact]
    public async Task A_view_writes_through_without_closing_the_response_and_sends_only_past_64_KB()
    {
        var body = new MemoryStream();
        var writer = ResponseText.For(new StreamResponseBodyFeature(body));
        var view = _scope.CreateWriter(writer);

        await view.WriteAsync("<p>Un paragraphe</p>");
        await view.FlushAsync();
        Assert.Equal(0, body.Length);

        var more = new string('x', ResponseText.SendAbove);
        await view.WriteAsync(more);
        await view.FlushAsync();
        Assert.Equal("<p>Un paragraphe</p>" + more, Sent(body));

        // The layout closes its writer; the response is still written to and ends with the view.
        view.Dispose();
        await writer.WriteAsync("</html>");
        await writer.FlushAsync();
        await writer.DisposeAsync();
        Assert.Equal("<p>Un paragraphe</p>" + more + "</html>", Sent(body));
    }

    [Fact]
    public void Only_the_servers_own_body_in_utf8_gets_the_direct_writer()
    {
        var framework = new Framework();
        var context = new DefaultHttpContext();
        var server = new ServerResponse(new MemoryStream());
        context.Features.Set<IHttpResponseFeature>(server);
        context.Features.Set<IHttpResponseBodyFeature>(server);
        var writers = new ResponseText.Writers(new HttpContextAccessor { HttpContext = context }, framework);

        Assert.NotSame(framework.Writer, writers.CreateWriter(context.Response.Body, Encoding.UTF8));
        Assert.Same(framework.Writer, writers.CreateWriter(context.Response.Body, Encoding.Latin1));
        Assert.Same(framework.Writer, writers.CreateWriter(new MemoryStream(), Encoding.UTF8));
        Assert.Same(framework.Writer, new ResponseText.ViewBufferScope(framework).CreateWriter(new StringWriter()));

        // A body in front of the server's (compression, the page cache's copy) takes the framework's writer.
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(new MemoryStream()));
        Assert.Same(framework.Writer, writers.CreateWriter(context.Response.Body, Encoding.UTF8));
    }
}
