namespace Parvis.Web.Pages.Processes;

/// <summary>The _DemographicQuestions partial: the answers shown (as given, or as typed when refused) and the territory's communes.</summary>
public sealed record DemographicQuestionsView(string? AgeBand, string? Gender, string? Category, string? Commune, bool? FirstTime, IReadOnlyList<string> Communes);
