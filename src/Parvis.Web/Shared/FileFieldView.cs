namespace Parvis.Web.Shared;

/// <summary>The _FileField partial: its label and hint (text keys), and the faulty lines of a refused file.</summary>
public sealed record FileFieldView(string LabelKey, string HintKey, IReadOnlyList<string> LineErrors);
