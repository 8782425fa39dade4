namespace Parvis.Web.Shared;

/// <summary>The _FileField partial: its label and hint (text keys), the faulty lines of a refused file, the kinds of file offered, and the field's name.</summary>
public sealed record FileFieldView(string LabelKey, string HintKey, IReadOnlyList<string> LineErrors, string Accept = ".csv,text/csv", string Name = "file");
