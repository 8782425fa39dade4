using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ViewFeatures.Buffers;

namespace Parvis.Web.Kernel.Web.Throughput;

/// <summary>
/// A page's text encoded to UTF-8 straight into the server's buffers as its view is written out. The framework copies
/// it twice on the way (into a paged character buffer, then into the response writer's) and sends every 16 KB; here it
/// is encoded once, and a page goes out in one send when it is whole (a tenth of the busiest page's work). Registered
/// with <see cref="Register"/>; only for the server's own body in UTF-8: a body that compresses or keeps a copy for
/// the page cache, or another encoding, keeps the framework's writer.
/// </summary>
public sealed class ResponseText
{
    /// <summary>What a view may leave waiting before part of it is sent, so a very long page is not held whole.</summary>
    internal const int SendAbove = 64 * 1024;

    private const int SmallestLease = 256;

    private readonly IHttpResponseBodyFeature _body;
    private PipeWriter Pipe => _body.Writer;
    private Memory<byte> _leased;
    private int _written;
    private long _unsent;
    // The first half of a character whose second half comes with the next write.
    private char _highSurrogate;

    private ResponseText(IHttpResponseBodyFeature body)
    {
        _body = body;
        Writer = new ResponseTextWriter(this, ownsResponse: true);
        ViewWriter = new ResponseTextWriter(this, ownsResponse: false);
    }

    /// <summary>The response's writer: flushing it sends what waits.</summary>
    public TextWriter Writer { get; }

    /// <summary>The writer a view writes its buffer through: flushed after each piece, it sends only past <see cref="SendAbove"/>; closing it leaves the response open.</summary>
    public TextWriter ViewWriter { get; }

    public static TextWriter For(IHttpResponseBodyFeature body) => new ResponseText(body).Writer;

    public static void Register(IServiceCollection services)
    {
        services.Decorate<IHttpResponseStreamWriterFactory>((s, framework) => new Writers(s.GetRequiredService<IHttpContextAccessor>(), framework));
        services.Decorate<IViewBufferScope>((_, framework) => new ViewBufferScope(framework));
    }

    private void Write(ReadOnlySpan<char> chars)
    {
        // A first half held back goes out with the character after it, which may itself be a first half to hold back.
        while (_highSurrogate != default && !chars.IsEmpty)
        {
            ReadOnlySpan<char> pair = [_highSurrogate, chars[0]];
            _highSurrogate = default;
            Encode(pair, final: false);
            chars = chars[1..];
        }
        Encode(chars, final: false);
    }

    private void Encode(ReadOnlySpan<char> chars, bool final)
    {
        // Most writes are a few characters of markup: copied while they are ASCII, which costs less than the transcoder's setting up.
        if (chars.Length <= 32 && _leased.Length - _written >= chars.Length)
        {
            var free = _leased.Span[_written..];
            var ascii = 0;
            while (ascii < chars.Length && chars[ascii] < 0x80)
            {
                free[ascii] = (byte)chars[ascii];
                ascii++;
            }
            _written += ascii;
            chars = chars[ascii..];
        }
        while (!chars.IsEmpty || final)
        {
            // Text the HTML encoder let through is valid; a lone surrogate becomes U+FFFD, as the framework's writer does.
            var status = Utf8.FromUtf16(chars, _leased.Span[_written..], out var read, out var written, replaceInvalidSequences: true, isFinalBlock: final);
            _written += written;
            chars = chars[read..];
            switch (status)
            {
                case OperationStatus.Done:
                    return;
                case OperationStatus.NeedMoreData:
                    _highSurrogate = chars[0];
                    return;
                default:
                    Commit();
                    _leased = Pipe.GetMemory(SmallestLease);
                    break;
            }
        }
    }

    private void Commit()
    {
        if (_written > 0)
        {
            Pipe.Advance(_written);
            _unsent += _written;
        }
        _leased = default;
        _written = 0;
    }

    // A view flushes after each piece of its buffer: most of them cost nothing, not even handing the bytes over.
    private Task SendAsync(bool always) => always || _unsent + _written > SendAbove ? SendNowAsync() : Task.CompletedTask;

    private async Task SendNowAsync()
    {
        Commit();
        if (_unsent > 0)
        {
            _unsent = 0;
            await Pipe.FlushAsync();
        }
    }

    /// <summary>The end of the text: a first half left alone is written as U+FFFD.</summary>
    private void Finish()
    {
        if (_highSurrogate != default)
        {
            ReadOnlySpan<char> alone = [_highSurrogate];
            _highSurrogate = default;
            Encode(alone, final: true);
        }
        Commit();
    }

    private sealed class ResponseTextWriter(ResponseText text, bool ownsResponse) : TextWriter
    {
        private static readonly Encoding _utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        public ResponseText Text => text;

        public override Encoding Encoding => _utf8;

        public override void Write(char value) => text.Write([value]);

        public override void Write(char[]? buffer) => text.Write(buffer);

        public override void Write(char[] buffer, int index, int count) => text.Write(buffer.AsSpan(index, count));

        public override void Write(ReadOnlySpan<char> buffer) => text.Write(buffer);

        public override void Write(string? value) => text.Write(value);

        // Writing never waits: the text goes into the server's buffers, and only a flush sends.
        public override Task WriteAsync(char value)
        {
            Write(value);
            return Task.CompletedTask;
        }

        public override Task WriteAsync(string? value)
        {
            text.Write(value);
            return Task.CompletedTask;
        }

        public override Task WriteAsync(char[] buffer, int index, int count)
        {
            text.Write(buffer.AsSpan(index, count));
            return Task.CompletedTask;
        }

        public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
        {
            text.Write(buffer.Span);
            return Task.CompletedTask;
        }

        public override void Flush() => text.Commit();

        public override Task FlushAsync() => text.SendAsync(always: ownsResponse);

        public override Task FlushAsync(CancellationToken cancellationToken) => FlushAsync();

        protected override void Dispose(bool disposing)
        {
            // Without a flush, what was written still goes out when the response ends.
            if (disposing && ownsResponse)
            {
                text.Finish();
            }
            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            if (ownsResponse)
            {
                text.Finish();
                await text.SendAsync(always: true);
            }
            await base.DisposeAsync();
        }
    }

    /// <summary>
    /// Gives a page the response's own writer when it writes the server's own body in UTF-8. The server's body is also
    /// its response: a body put in front of it (compression, the page cache) is not, and takes what it is given in
    /// pieces its own way.
    /// </summary>
    internal sealed class Writers(IHttpContextAccessor http, IHttpResponseStreamWriterFactory framework) : IHttpResponseStreamWriterFactory
    {
        public TextWriter CreateWriter(Stream stream, Encoding encoding) =>
            encoding.CodePage == Encoding.UTF8.CodePage && http.HttpContext?.Features is { } features
                && features.Get<IHttpResponseBodyFeature>() is { } body && ReferenceEquals(body, features.Get<IHttpResponseFeature>())
                && ReferenceEquals(body.Stream, stream)
                ? For(body)
                : framework.CreateWriter(stream, encoding);
    }

    /// <summary>
    /// The framework puts a buffering writer between a layout's buffer and the response, so that writing never waits on
    /// the network. This writer never waits, so the layout writes through it.
    /// </summary>
    internal sealed class ViewBufferScope(IViewBufferScope framework) : IViewBufferScope
    {
        public ViewBufferValue[] GetPage(int pageSize) => framework.GetPage(pageSize);

        public void ReturnSegment(ViewBufferValue[] segment) => framework.ReturnSegment(segment);

        public TextWriter CreateWriter(TextWriter writer) =>
            writer is ResponseTextWriter { Text: var text } ? text.ViewWriter : framework.CreateWriter(writer);
    }
}
