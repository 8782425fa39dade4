using Parvis.Web.Kernel.Accountability.Report;

namespace Parvis.Web.Shared;

/// <summary>What the printable page shows: the document, where it came from, and its download address (the format is appended).</summary>
public sealed record PrintableView(ReportDocument Document, string Back, string BackText, string Download, bool PdfAvailable, string? BackLanguage = null);
