using System.Buffers;

namespace Parvis.Web.Kernel.Web;

/// <summary>
/// Sends a page in one write, with its length, instead of one chunk each time Razor's buffer fills: a 30 KB page
/// then costs one system call and no chunk framing. A response that grows past <see cref="Limit"/> (an export, a
/// report) is streamed from there on, so memory stays bounded.
/// </summary>
public sealed class WholeResponseMiddleware(RequestDelegate next)
{
    internal const int Limit = 256 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var original = context.Response.Body;
        await using var buffer = new ResponseBuffer(context.Response, original);
        context.Response.Body = buffer;
        try
        {
            await next(context);
            await buffer.CompleteAsync(context.RequestAborted);
        }
        finally
        {
            context.Response.Body = original;
        }
    }

    /// <summary>Keeps what is written until the end, or until it passes the limit, then writes through.</summary>
    private sealed class ResponseBuffer(HttpResponse response, Stream destination) : Stream
    {
        private byte[] _buffer = [];
        private int _length;
        private bool _streaming;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
        {
            if (!_streaming && _length + data.Length <= Limit)
            {
                Append(data.Span);
                return;
            }
            if (!_streaming)
            {
                _streaming = true;
                await destination.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
                _length = 0;
            }
            await destination.WriteAsync(data, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

        // Flushing early would send the page in pieces again: only once it streams.
        public override Task FlushAsync(CancellationToken cancellationToken) =>
            _streaming ? destination.FlushAsync(cancellationToken) : Task.CompletedTask;

        public override void Flush()
        {
        }

        public async Task CompleteAsync(CancellationToken cancellationToken)
        {
            if (_streaming || _length == 0)
            {
                return;
            }
            if (!response.HasStarted && response.ContentLength is null)
            {
                response.ContentLength = _length;
            }
            await destination.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
            _length = 0;
        }

        private void Append(ReadOnlySpan<byte> data)
        {
            if (_length + data.Length > _buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_length + data.Length, Math.Max(16 * 1024, _buffer.Length * 2)));
                _buffer.AsSpan(0, _length).CopyTo(larger);
                Return();
                _buffer = larger;
            }
            data.CopyTo(_buffer.AsSpan(_length));
            _length += data.Length;
        }

        private void Return()
        {
            if (_buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
            }
        }

        protected override void Dispose(bool disposing)
        {
            Return();
            _buffer = [];
            base.Dispose(disposing);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
