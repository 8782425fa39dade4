namespace Parvis.Web.Kernel.Text;

/// <summary>
/// How much an uploaded file may hold before it is refused whole: its bytes, and for a sheet its rows and
/// cells per row. Nothing is allocated by what the file claims (a row number, a cell reference, a zip
/// entry's size), only by what is actually read, within these.
/// </summary>
public sealed record UploadLimits(long Bytes, int Rows, int Columns)
{
    /// <summary>Characters of one XLSX part once unzipped: sheet XML compresses about tenfold, so a bigger part is a zip bomb.</summary>
    public long PartCharacters => Bytes * 10;
}

/// <summary>A file refused whole: the interface text key saying why, and the limit it passed (0 when none).</summary>
public sealed class UploadRefusedException(string key, long limit = 0) : Exception(key)
{
    public const string TooBig = "Upload.TooBig";
    public const string Unzipped = "Upload.Unzipped";
    public const string TooManyRows = "Upload.TooManyRows";
    public const string TooManyColumns = "Upload.TooManyColumns";
    public const string Unreadable = "Upload.Unreadable";

    public string Key => Message;
    public long Limit => limit;
}

public static class Uploads
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";

    /// <summary>What the first bytes say a file is, among a PDF, a PNG and a JPEG; null for anything else (whatever it is called).</summary>
    public static string? MediaTypeOf(ReadOnlySpan<byte> file) =>
        file.StartsWith("%PDF-"u8) ? Pdf
        : file.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? Png
        : file.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? Jpeg
        : null;

    /// <summary>The whole file, refused as soon as it passes <paramref name="max"/> bytes (whatever length it announced).</summary>
    public static byte[] ReadBytes(Stream file, long max)
    {
        using var buffer = new MemoryStream();
        using (var limited = new LimitedStream(file, max, UploadRefusedException.TooBig))
        {
            limited.CopyTo(buffer);
        }
        return buffer.ToArray();
    }
}

/// <summary>Reads through to another stream and refuses the file once more than <paramref name="max"/> bytes came.</summary>
internal sealed class LimitedStream(Stream inner, long max, string refusal) : Stream
{
    private long _read;

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    private int Count(int read)
    {
        _read += read;
        if (_read > max)
        {
            throw new UploadRefusedException(refusal, max);
        }
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
