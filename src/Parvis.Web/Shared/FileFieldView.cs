namespace Parvis.Web.Shared;

/// <summary>The _FileField partial: its label and hint (text keys), the faulty lines of a refused file, and the kinds of file offered.</summary>
public sealed record FileFieldView(string LabelKey, string HintKey, IReadOnlyList<string> LineErrors, string Accept = ".csv,text/csv");
