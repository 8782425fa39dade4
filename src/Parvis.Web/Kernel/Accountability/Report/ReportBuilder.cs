using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Text;
using Parvis.Web.Shared;

namespace Parvis.Web.Kernel.Accountability.Report;

/// <summary>
/// Gathers a process into the council's report, in the interface language: the organisation's own
/// texts, the method and figures, the synthesis, the grids, results, fates, and the verbatim annex
/// (every contribution that awaits a fate, word for word, once, with its author pseudonymised).
/// </summary>
public sealed class ReportBuilder(ParvisDbContext db, CurrentOrganisation organisation, IStringLocalizer<SharedText> text,
    FateCommands fates, IEnumerable<IContributionSource> sources, MarkdownRenderer markdown, ModuleCatalog modules, Demographics.DemographicCommands demographics,
    StructureNames names, CitedSummaries summaries)
{
    public async Task<ReportDocument> BuildAsync(Process process)
    {
        var culture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var texts = await db.ProcessReports.AsNoTracking().FirstOrDefaultAsync(r => r.ProcessId == process.Id) ?? new ProcessReport { ProcessId = process.Id };
        var phases = await db.Phases.AsNoTracking().Where(p => p.ProcessId == process.Id).OrderBy(p => p.StartsOn).ToListAsync();
        var themes = await db.Themes.AsNoTracking().Where(t => t.ProcessId == process.Id).OrderBy(t => t.Position).ToListAsync();
        var items = await db.SynthesisItems.AsNoTracking().Where(i => i.ProcessId == process.Id).OrderBy(i => i.Kind).ThenBy(i => i.Position).ToListAsync();
        var behind = (await db.SynthesisLinks.AsNoTracking().Where(l => items.Select(i => i.Id).Contains(l.SynthesisItemId))
            .GroupBy(l => l.SynthesisItemId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync()).ToDictionary(g => g.Key, g => g.Count);
        var itemIds = items.Select(i => i.Id).ToList();
        var answers = (await db.SynthesisItemLinks.AsNoTracking().Where(l => itemIds.Contains(l.FromItemId)).ToListAsync())
            .ToLookup(l => l.FromItemId, l => items.Single(i => i.Id == l.ToItemId).Title);
        var contributions = await fates.Awaiting(process).AsNoTracking().OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync();
        var numbers = Pseudonyms(contributions);
        var cited = await summaries.OfItemsAsync(itemIds);
        var blocks = new List<ReportBlock>();
        // What the organisation wrote is in its language, whatever the reader's.
        var written = organisation.Value.DefaultCulture;

        Section("CouncilReport.Introduction");
        Texts(texts.Introduction);

        Section("CouncilReport.Context");
        Paragraphs(process.Summary, written);
        Paragraphs(markdown.PlainText(process.Description), written);
        if (process.Territory.Length > 0)
        {
            Paragraphs($"{text["Process.Territory"]} : {process.Territory}");
        }
        blocks.Add(new ReportHeading(2, text["CouncilReport.Referral"]));
        Texts(texts.Referral);

        Section("CouncilReport.Method");
        blocks.Add(new ReportTable(text["Process.Phases"], [text["Field.PhaseTitle"], text["CouncilReport.From"], text["CouncilReport.To"]],
            phases.Select(p => (IReadOnlyList<string>)[p.Title, Date(p.StartsOn), Date(p.EndsOn)]).ToList(), [written]));
        var figures = new List<IReadOnlyList<string>>
        {
            new[] { text["CouncilReport.Figure.Contributions"].Value, Number(contributions.Count) },
            new[] { text["CouncilReport.Figure.Contributors"].Value, Number(contributions.Where(c => c.AuthorId is not null).Select(c => c.AuthorId).Distinct().Count()) },
        };
        figures.AddRange(contributions.GroupBy(c => c.Channel).OrderBy(g => g.Key)
            .Select(g => new[] { text["CouncilReport.Figure.ByChannel", text["Channel." + g.Key]].Value, Number(g.Count()) }));
        // The method is that of the tools in use; the contributions of one switched off stay in the fates and the annex.
        var used = sources.Where(s => modules.ModuleOf(s.GetType()) is not { } module || process.Uses(module.Name)).ToList();
        foreach (var source in used)
        {
            figures.AddRange((await source.FiguresAsync(db, process)).Select(f => new[] { text[f.Key].Value, Number(f.Count) }));
        }
        blocks.Add(new ReportTable(text["CouncilReport.Figures"], [text["CouncilReport.Figure"], text["CouncilReport.Count"]], figures));
        foreach (var source in used)
        {
            blocks.AddRange(await source.MethodAsync(db, process, text, written));
        }
        // How the process was adjusted on the way, and why: its public journal.
        var journal = await db.JournalEntries.AsNoTracking().Where(j => j.ProcessId == process.Id).OrderBy(j => j.At).ThenBy(j => j.Id).ToListAsync();
        if (journal.Count > 0)
        {
            blocks.Add(new ReportTable(text["Journal.Title"], [text["Journal.Date"], text["Journal.Subject"], text["Journal.Before"], text["Journal.After"], text["Journal.Why"]],
                journal.Select(j => (IReadOnlyList<string>)[j.At.ToLocalTime().ToString("d", CultureInfo.CurrentCulture), j.Subject, j.Before, j.After, j.Reason]).ToList(),
                [null, written, written, written, written]));
        }

        await RepresentativenessAsync(blocks, process, written);

        foreach (var kind in Enum.GetValues<SynthesisItemKind>())
        {
            Section($"SynthesisKind.{kind}.Plural");
            var ofKind = items.Where(i => i.Kind == kind).ToList();
            if (ofKind.Count == 0)
            {
                Paragraphs(text["CouncilReport.NoItem"]);
            }
            // Theme by theme when the analysts gave themes (the council's opinion reads per theme), the others last.
            var byTheme = items.Any(i => i.ThemeId is not null);
            var ordered = ofKind.OrderBy(i => themes.FindIndex(t => t.Id == i.ThemeId) is var at and >= 0 ? at : int.MaxValue).ThenBy(i => i.Position).ToList();
            for (var n = 0; n < ordered.Count; n++)
            {
                var item = ordered[n];
                if (byTheme && (n == 0 || ordered[n - 1].ThemeId != item.ThemeId))
                {
                    blocks.Add(themes.FirstOrDefault(t => t.Id == item.ThemeId) is { } theme
                        ? new ReportHeading(2, theme.Name, written) : new ReportHeading(2, text["CouncilReport.OtherTheme"]));
                }
                blocks.Add(new ReportHeading(byTheme ? 3 : 2, item.Title, written));
                Paragraphs(item.Body, written);
                // The sentences its [n] cite, each with whom it comes from as the annex names them: every one traceable on paper.
                foreach (var citation in cited.GetValueOrDefault(item.Id) ?? [])
                {
                    blocks.Add(citation.Source is { } source
                        ? new ReportQuote($"[{citation.Number}] {citation.Sentence}",
                            $"{numbers.GetValueOrDefault(source.Id) ?? text["Kind." + source.Kind].Value} · {citation.Said(text)}", source.Language)
                        : new ReportParagraph($"[{citation.Number}] {text["Summaries.Withdrawn"]}"));
                }
                if (answers[item.Id] is var answered && answered.Any())
                {
                    blocks.Add(new ReportParagraph(text["CouncilReport.Answers", string.Join(" ; ", answered)]));
                }
                blocks.Add(new ReportParagraph(text["Synthesis.ContributionsBehind", behind.GetValueOrDefault(item.Id)]));
            }
        }

        Section("CouncilReport.Actors");
        var actors = items.Where(i => i.IsTracked && i.ResponsibleBody.Length > 0).GroupBy(i => i.ResponsibleBody).OrderBy(g => g.Key).ToList();
        if (actors.Count == 0)
        {
            Paragraphs(text["CouncilReport.NoActor"]);
        }
        else
        {
            blocks.Add(new ReportList(actors.Select(g => $"{g.Key} : {string.Join(" ; ", g.Select(i => i.Title))}").ToList(), written));
        }

        Section("Grids.Title");
        var grids = await db.AnalysisGrids.AsNoTracking().Where(g => g.ProcessId == process.Id).OrderBy(g => g.CreatedAt).Select(g => g.Id).ToListAsync();
        if (grids.Count == 0)
        {
            Paragraphs(text["Grids.Empty"]);
        }
        foreach (var gridId in grids)
        {
            var grid = (await GridView.LoadAsync(db, fates.Shown, gridId, organisation.Id, null, null))!;
            blocks.Add(new ReportHeading(2, grid.Grid.Title, written));
            Paragraphs(text["Grids.Caption", grid.Rows.NameIn(culture), grid.Columns.NameIn(culture)]);
            var cells = grid.Rows.Entries.SelectMany(row => grid.Columns.Entries.Select(column => grid.CellAt(row, column)))
                .Where(cell => cell.Items.Count > 0).ToList();
            if (cells.Count > 0)
            {
                blocks.Add(new ReportChart(text["CouncilReport.GridChart", grid.Grid.Title], text["CouncilReport.GridChartDescription", grid.Grid.Title],
                    cells.Select(cell => $"{cell.Row.LabelIn(culture)} × {cell.Column.LabelIn(culture)}").ToList(),
                    [new ReportSeries(text["Grids.StrengthsHeader"], cells.Select(c => c.Strengths).ToList()),
                        new ReportSeries(text["Grids.WeaknessesHeader"], cells.Select(c => c.Weaknesses).ToList())]));
            }
            blocks.Add(new ReportTable(grid.Grid.Title,
                [grid.Rows.NameIn(culture), grid.Columns.NameIn(culture), text["Grids.StrengthsHeader"], text["Grids.WeaknessesHeader"], text["CouncilReport.Items"]],
                cells.Select(cell => (IReadOnlyList<string>)[cell.Row.LabelIn(culture), cell.Column.LabelIn(culture), Number(cell.Strengths), Number(cell.Weaknesses),
                        string.Join(" ; ", cell.Items.Select(i => (i.Sign == GridSign.Strength ? "+ " : "− ") + i.Label))])
                    .ToList(), [null, null, null, null, written]) { CaptionLanguage = written });
        }

        Section("Results.Title");
        var tracked = items.Where(i => i.IsTracked).ToList();
        blocks.Add(new ReportTable(text["Results.Title"], [text["Field.SynthesisTitle"], text["Field.ResultStatus"], text["Field.Progress"], text["Field.ResponsibleBody"], text["Field.UpdateOn"]],
            tracked.Select(i => (IReadOnlyList<string>)[i.Title, text["ResultStatus." + i.Status], $"{i.Progress} %", i.ResponsibleBody, i.LastUpdateOn is { } on ? Date(on) : "—"]).ToList(), [written, null, null, written]));

        Section("Fates.Title");
        var latest = (await db.FateDecisions.AsNoTracking().Where(d => d.ProcessId == process.Id).ToListAsync())
            .GroupBy(d => d.ContributionId).ToDictionary(g => g.Key, g => g.MaxBy(d => d.DecidedAt)!);
        var count = await fates.CountAsync(process);
        Paragraphs(text["Fates.Summary", count.Decided, count.Total]);
        blocks.Add(new ReportTable(text["Fates.ByFate"], [text["Field.Fate"], text["Fates.Contributions"]],
            Enum.GetValues<Fate>().Select(f => (IReadOnlyList<string>)[text["Fate." + f], Number(count.ByFate.GetValueOrDefault(f))])
                .Append([text["Fate.Undecided"], Number(count.Undecided)]).ToList()));
        blocks.Add(new ReportTable(text["CouncilReport.FateTable"], [text["CouncilReport.Contribution"], text["Field.Fate"], text["Field.FateText"]],
            contributions.Select(c => (IReadOnlyList<string>)[$"{numbers[c.Id]} — {Excerpts.Cut(c.Excerpt, 100)}",
                c.Fate is { } f ? text["Fate." + f] : text["Fate.Undecided"], latest.GetValueOrDefault(c.Id)?.Text ?? ""]).ToList(),
            // Where a contribution comes from (a table, a place) is the organisation's words, and so, mostly, is what it says.
            [written, null, written]));

        Section("CouncilReport.Conclusion");
        Texts(texts.Conclusion);

        Section("CouncilReport.Verbatim");
        Paragraphs(text["CouncilReport.VerbatimIntro"]);
        await VerbatimAsync(blocks, contributions, themes, numbers);

        var title = text["CouncilReport.DocumentTitle", organisation.Value.Name, process.Title];
        var subtitle = text["CouncilReport.Subtitle", Date(DateOnly.FromDateTime(DateTime.Today))];
        return new ReportDocument(title, subtitle, culture, blocks);

        void Section(string key) => blocks.Add(new ReportHeading(1, text[key]));

        // The organisation's own texts, or the interface's words saying there is none.
        void Texts(string value)
        {
            if (value.Length > 0)
            {
                Paragraphs(value, written);
            }
            else
            {
                Paragraphs(text["CouncilReport.NoText"]);
            }
        }

        void Paragraphs(string value, string? language = null)
        {
            foreach (var paragraph in value.Split(["\r\n\r\n", "\n\n"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                blocks.Add(new ReportParagraph(paragraph.ReplaceLineEndings(" "), language));
            }
        }
    }

    /// <summary>Grouped by theme (in the process's order, then those without one) and by channel; each contribution once.</summary>
    /// <summary>
    /// Who took part compared with the territory, as the analysts see it: its method, the bands barely heard, and each
    /// question's table with small cells suppressed. Nothing when nobody answered the optional questions.
    /// </summary>
    private async Task RepresentativenessAsync(List<ReportBlock> blocks, Process process, string written)
    {
        var tables = (await demographics.TablesAsync(process)).Where(t => t.Lines.Count > 0 && t.Answered is not null).ToList();
        if (tables.Count == 0)
        {
            return;
        }
        blocks.Add(new ReportHeading(2, text["Representativeness.Title"]));
        blocks.Add(new ReportParagraph(text["Representativeness.Method", Demographics.Representativeness.MinCell]));
        var unheard = tables.SelectMany(t => t.Lines.Where(l => l.Unheard).Select(l => text["Representativeness.UnheardLine",
            Demographics.RepresentativenessWords.Band(text, t.Dimension, l.Band), Demographics.RepresentativenessWords.Share(l.PopulationShare),
            Demographics.RepresentativenessWords.Share(l.AnswerShare)].Value)).ToList();
        if (unheard.Count > 0)
        {
            blocks.Add(new ReportParagraph(text["Representativeness.Unheard"]));
            blocks.Add(new ReportList(unheard));
        }
        foreach (var table in tables)
        {
            var dimension = text["Representativeness.Dimension." + table.Dimension].Value;
            // A commune's name is in the organisation's language; the other bands are the interface's words.
            blocks.Add(new ReportTable($"{text["Representativeness.Caption", dimension]} — {text["Representativeness.Answered", table.Answered!]}",
                Demographics.RepresentativenessWords.Headers(text, table), Demographics.RepresentativenessWords.Rows(text, table),
                table.Dimension == Demographics.Dimension.Commune ? [written] : null));
        }
    }

    private async Task VerbatimAsync(List<ReportBlock> blocks, List<Contribution> contributions, List<Theme> themes, Dictionary<Guid, string> numbers)
    {
        var placed = new HashSet<Guid>();
        var groups = new List<(string Title, List<Contribution> Members)>();
        foreach (var theme in themes)
        {
            var inTheme = (await fates.InTheme(theme.Id).ToListAsync()).ToHashSet();
            groups.Add((text["CouncilReport.Theme", theme.Name], contributions.Where(c => inTheme.Contains(c.Id) && placed.Add(c.Id)).ToList()));
        }
        groups.Add((text["CouncilReport.NoTheme"], contributions.Where(c => placed.Add(c.Id)).ToList()));
        var structures = await names.AllAsync(db, organisation.Id);
        string Helped(Contribution c) => c.MediatedById is { } id && structures.TryGetValue(id, out var name) ? $" · {text["Mediation.EnteredWith", name]}" : "";
        foreach (var (title, members) in groups.Where(g => g.Members.Count > 0))
        {
            blocks.Add(new ReportHeading(2, title));
            foreach (var channel in members.GroupBy(c => c.Channel).OrderBy(g => g.Key))
            {
                blocks.Add(new ReportHeading(3, text["CouncilReport.Channel", text["Channel." + channel.Key]]));
                blocks.AddRange(channel.Select(c => new ReportQuote(c.Excerpt,
                    $"{numbers[c.Id]} · {text["Kind." + c.Kind]} · {c.CreatedAt.ToLocalTime().ToString("d", CultureInfo.CurrentCulture)}{Helped(c)}", c.Language)));
            }
        }
    }

    /// <summary>
    /// "Person 3": numbered by first contribution, so the report names nobody. A group's contribution (a
    /// workshop table) is attributed to the group; without either, "a deleted participant".
    /// </summary>
    private Dictionary<Guid, string> Pseudonyms(List<Contribution> contributions)
    {
        var authors = contributions.Where(c => c.AuthorId is not null).Select(c => c.AuthorId!.Value).Distinct()
            .Select((author, i) => (author, i + 1)).ToDictionary(a => a.author, a => a.Item2);
        return contributions.ToDictionary(c => c.Id,
            c => c.AuthorId is { } author ? text["CouncilReport.Person", authors[author]].Value : c.Origin ?? text["CouncilReport.UnknownPerson"].Value);
    }

    private static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    private static string Number(int value) => value.ToString(CultureInfo.CurrentCulture);
}
