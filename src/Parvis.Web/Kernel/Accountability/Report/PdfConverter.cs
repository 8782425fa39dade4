using System.Diagnostics;

namespace Parvis.Web.Kernel.Accountability.Report;

/// <summary>
/// Turns the DOCX into a PDF with LibreOffice when the server has it (Report:LibreOffice, or soffice /
/// libreoffice on the PATH), so that both files carry the same text, headings and tables. One
/// conversion at a time: LibreOffice is heavy for a small server. The PDF is tagged for PDF/UA: its structure
/// (headings, tables, lists), title and language come from the DOCX's styles and properties, so a screen reader
/// finds its way in it as in the DOCX.
/// </summary>
public sealed class PdfConverter(IConfiguration configuration, ILogger<PdfConverter> logger)
{
    private static readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private static readonly TimeSpan _timeLimit = TimeSpan.FromMinutes(2);

    private const string TaggedPdf = """pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},"PDFUACompliance":{"type":"boolean","value":"true"},"ExportBookmarks":{"type":"boolean","value":"true"}}""";

    public string? Executable { get; } = configuration["Report:LibreOffice"] is { Length: > 0 } configured ? configured
        : new[] { "soffice", "libreoffice" }.Select(OnPath).FirstOrDefault(path => path is not null);

    public bool Available => Executable is not null;

    /// <summary>The PDF, or null when LibreOffice is absent or failed (logged).</summary>
    public async Task<byte[]?> ConvertAsync(byte[] docx, CancellationToken cancellationToken)
    {
        if (Executable is null)
        {
            return null;
        }
        await _oneAtATime.WaitAsync(cancellationToken);
        var directory = Directory.CreateTempSubdirectory("parvis-report-");
        try
        {
            var input = Path.Combine(directory.FullName, "report.docx");
            await File.WriteAllBytesAsync(input, docx, cancellationToken);
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // A profile of its own, so that a LibreOffice opened by someone else on the server does not block it.
            foreach (var argument in new[] { $"-env:UserInstallation=file://{directory.FullName}/profile", "--headless", "--norestore",
                "--convert-to", TaggedPdf, "--outdir", directory.FullName, input })
            {
                start.ArgumentList.Add(argument);
            }
            using var process = System.Diagnostics.Process.Start(start)!;
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(_timeLimit);
            var output = process.StandardOutput.ReadToEndAsync(limit.Token);
            var errors = process.StandardError.ReadToEndAsync(limit.Token);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            var pdf = Path.Combine(directory.FullName, "report.pdf");
            if (process.ExitCode != 0 || !File.Exists(pdf))
            {
                logger.LogError("LibreOffice could not convert the report (exit {Code}): {Output} {Errors}", process.ExitCode, await output, await errors);
                return null;
            }
            return await File.ReadAllBytesAsync(pdf, cancellationToken);
        }
        finally
        {
            directory.Delete(recursive: true);
            _oneAtATime.Release();
        }
    }

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
}
