using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parvis.Tests.Infrastructure;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Tests.Integration;

/// <summary>Analysis grids: built-in frameworks, coding, counts per cell, filters, export, and an organisation's own framework.</summary>
[Trait("Suite", "integration")]
public sealed class GridTests(ParvisApp app) : IClassFixture<ParvisApp>
{
    [Fact]
    public async Task The_built_in_frameworks_are_there_with_their_official_entries()
    {
        var frameworks = await app.WithDatabaseAsync(db => db.Frameworks.Include(f => f.Entries).Where(f => f.OrganisationId == null).ToListAsync());
        Assert.Equal(7, frameworks.Single(f => f.Key == "iso26000").Entries.Count);
        Assert.Equal(9, frameworks.Single(f => f.Key == "sndd-2010-2013").Entries.Count);
        Assert.Equal(6, frameworks.Single(f => f.Key == "cdpl-themes").Entries.Count);
        Assert.Contains(frameworks.Single(f => f.Key == "sndd-2010-2013").Entries, e => e.Code == "CLIM" && e.LabelEn == "Climate change and energy");
    }

    [Fact]
    public async Task Counts_per_cell_match_the_codings_the_table_carries_the_numbers_of_the_bars_and_filters_apply()
    {
        var (process, proposals) = await app.WithDatabaseAsync(async db =>
        {
            var today = DateOnly.FromDateTime(DateTime.Now);
            var process = ParvisApp.NewProcess(app.World.OrganisationId, "grille-iso-sndd", new Phase { Title = "Analyse", StartsOn = today.AddDays(-1), EndsOn = today.AddDays(1) });
            db.Processes.Add(process);
            await db.SaveChangesAsync();
            var proposals = new[] { Channel.Online, Channel.Online, Channel.Paper }.Select((channel, i) => new Proposal
            {
                OrganisationId = process.OrganisationId, ProcessId = process.Id, Title = $"Proposition {i}", Body = "…", Channel = channel,
                ThemeId = i == 0 ? process.Themes[0].Id : null,
            }).ToArray();
            db.Proposals.AddRange(proposals);
            await db.SaveChangesAsync();
            return (process, proposals);
        });
        var (analyst, _) = await app.SignedInAsync("Analyste de grille", Role.Analyst);
        var item = await analyst.PostAsync($"/processes/{process.Slug}/synthesis", new Dictionary<string, string>
        {
            ["Input.Kind"] = "PointOfVigilance", ["Input.Title"] = "La fracture numérique", ["Input.Body"] = "",
        });
        var itemId = Guid.Parse(item.Location!.Split("#item-")[1]);

        var frameworks = await app.WithDatabaseAsync(db => db.Frameworks.Include(f => f.Entries).Where(f => f.Key == "iso26000" || f.Key == "sndd-2010-2013").ToListAsync());
        var iso = frameworks.Single(f => f.Key == "iso26000");
        var sndd = frameworks.Single(f => f.Key == "sndd-2010-2013");
        var created = await analyst.PostAsync($"/processes/{process.Slug}/grids", new Dictionary<string, string>
        {
            ["Title"] = "Le numérique au regard de l'ISO 26000 et de la SNDD", ["RowFrameworkId"] = iso.Id.ToString(), ["ColumnFrameworkId"] = sndd.Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var grid = created.Location!;

        Guid Entry(Framework f, string code) => f.Entries.Single(e => e.Code == code).Id;
        Task<Session.Response> CodeAsync(string subject, string row, string column, string sign) => analyst.PostAsync(grid, new Dictionary<string, string>
        {
            ["Subject"] = subject, ["RowEntryId"] = Entry(iso, row).ToString(), ["ColumnEntryId"] = Entry(sndd, column).ToString(), ["Sign"] = sign,
        });
        foreach (var (subject, row, column, sign) in new[]
        {
            ($"contribution:{proposals[0].Id}", "ENV", "CLIM", "Strength"),
            ($"contribution:{proposals[1].Id}", "ENV", "CLIM", "Weakness"),
            ($"contribution:{proposals[2].Id}", "ENV", "CLIM", "Strength"),
            ($"item:{itemId}", "GOV", "GOUV", "Strength"),
            ($"contribution:{proposals[0].Id}", "GOV", "GOUV", "Weakness"),
        })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await CodeAsync(subject, row, column, sign)).Status);
        }
        var twice = await CodeAsync($"contribution:{proposals[0].Id}", "ENV", "CLIM", "Weakness");
        Assert.NotEmpty(twice.Text("#Subject-error"));
        // Pressed twice at once, one coding is kept and the other press is told why.
        var doubled = await Task.WhenAll(CodeAsync($"contribution:{proposals[1].Id}", "GOV", "GOUV", "Strength"), CodeAsync($"contribution:{proposals[1].Id}", "GOV", "GOUV", "Strength"));
        Assert.Single(doubled, d => d.Status == HttpStatusCode.Redirect);
        Assert.Single(doubled, d => d.Text("#Subject-error").Length > 0);
        await analyst.PostAsync($"{grid}?handler=Uncode", new Dictionary<string, string>
        {
            ["coding"] = (await app.WithDatabaseAsync(db => db.GridCodings.Where(c => c.ContributionId == proposals[1].Id && c.Sign == GridSign.Strength).Select(c => c.Id).SingleAsync())).ToString(),
        });
        var nothing = await analyst.PostAsync(grid, new Dictionary<string, string> { ["Subject"] = "", ["RowEntryId"] = "", ["ColumnEntryId"] = "", ["Sign"] = "Strength" });
        Assert.NotEmpty(nothing.Text("#Subject-error"));

        // The database's counts, cell by cell, are what the bars and the table show.
        var stored = await app.WithDatabaseAsync(db => db.GridCodings.Where(c => c.GridId == Guid.Parse(grid.Split('/').Last()))
            .GroupBy(c => new { c.RowEntryId, c.ColumnEntryId })
            .Select(g => new { g.Key.RowEntryId, g.Key.ColumnEntryId, Strengths = g.Count(c => c.Sign == GridSign.Strength), Weaknesses = g.Count(c => c.Sign == GridSign.Weakness) })
            .ToListAsync());
        using var visitor = app.NewSession();
        var page = await visitor.GetAsync(grid);
        var expected = stored.Select(s => (iso.Entries.Single(e => e.Id == s.RowEntryId).Code, sndd.Entries.Single(e => e.Id == s.ColumnEntryId).Code, s.Strengths, s.Weaknesses))
            .OrderBy(c => c.Item1).ThenBy(c => c.Item2).ToList();
        Assert.Equal([("ENV", "CLIM", 2, 1), ("GOV", "GOUV", 1, 1)], expected);
        Assert.Equal(expected, Bars(page));
        Assert.Equal(expected, TableRows(page));
        Assert.Equal("100", page.Document.QuerySelector("td[data-row=ENV][data-column=CLIM] rect.strength")!.GetAttribute("width"));
        Assert.Equal("50", page.Document.QuerySelector("td[data-row=GOV][data-column=GOUV] rect.weakness")!.GetAttribute("width"));

        var paper = await visitor.GetAsync(grid + "?channel=Paper");
        Assert.Equal([("ENV", "CLIM", 1, 0)], TableRows(paper));
        Assert.Equal(TableRows(paper), Bars(paper));
        var themed = await visitor.GetAsync($"{grid}?theme={process.Themes[0].Id}");
        Assert.Equal([("ENV", "CLIM", 1, 0), ("GOV", "GOUV", 0, 1)], TableRows(themed));

        var export = await visitor.Client.GetAsync(grid + "?handler=Export");
        var lines = (await export.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("row_code,row_label,column_code,column_label,strengths,weaknesses", lines[0], StringComparison.Ordinal);
        Assert.Equal(["ENV,2,1", "GOV,1,1"], lines.Skip(1).Select(l => l.Split(',')).Select(f => $"{f[0]},{f[4]},{f[5]}").Order());
    }

    [Fact]
    public async Task The_grid_export_neutralises_a_contribution_that_reads_as_a_formula()
    {
        var (process, proposal) = await app.WithDatabaseAsync(async db =>
        {
            var today = DateOnly.FromDateTime(DateTime.Now);
            var process = ParvisApp.NewProcess(app.World.OrganisationId, "grille-formules", new Phase { Title = "Analyse", StartsOn = today.AddDays(-1), EndsOn = today.AddDays(1) });
            db.Processes.Add(process);
            await db.SaveChangesAsync();
            var proposal = new Proposal { OrganisationId = process.OrganisationId, ProcessId = process.Id, Title = "@SUM(1+1)*cmd|' /C calc'!A0", Body = "…", Channel = Channel.Online };
            db.Proposals.Add(proposal);
            await db.SaveChangesAsync();
            return (process, proposal);
        });
        var (analyst, _) = await app.SignedInAsync("Analyste prudente", Role.Analyst);
        var iso = await app.WithDatabaseAsync(db => db.Frameworks.Include(f => f.Entries).SingleAsync(f => f.Key == "iso26000"));
        var grid = (await analyst.PostAsync($"/processes/{process.Slug}/grids", new Dictionary<string, string>
        {
            ["Title"] = "Formules", ["RowFrameworkId"] = iso.Id.ToString(), ["ColumnFrameworkId"] = iso.Id.ToString(),
        })).Location!;
        var entry = iso.Entries.Single(e => e.Code == "ENV").Id.ToString();
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostAsync(grid, new Dictionary<string, string>
        {
            ["Subject"] = $"contribution:{proposal.Id}", ["RowEntryId"] = entry, ["ColumnEntryId"] = entry, ["Sign"] = "Strength",
        })).Status);

        var export = await (await analyst.Client.GetAsync(grid + "?handler=Export")).Content.ReadAsStringAsync();
        var line = export.Split('\n', StringSplitOptions.TrimEntries)[1];
        Assert.Contains(",\"'@SUM(1+1)*cmd|' /C calc'!A0", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_organisation_imports_its_own_framework_and_a_file_with_a_bad_line_imports_nothing()
    {
        var (analyst, _) = await app.SignedInAsync("Analyste importatrice", Role.Analyst);
        var bad = await ImportAsync(analyst, "Défis du territoire", "code,label_fr\nMER,Économie maritime\nMER,Encore la mer\n,Sans code\n");
        Assert.Equal(HttpStatusCode.OK, bad.Status);
        var errors = bad.Texts("#file-error li").ToList();
        Assert.Contains(errors, e => e.StartsWith("Ligne 3", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Ligne 4", StringComparison.Ordinal));
        Assert.Equal("Défis du territoire", bad.Document.QuerySelector("#Name")!.GetAttribute("value"));
        Assert.False(await app.WithDatabaseAsync(db => db.Frameworks.AnyAsync(f => f.Name == "Défis du territoire")));

        var good = await ImportAsync(analyst, "Défis du territoire", "code;label_fr;label_en\nMER;Économie maritime;Maritime economy\nILES;Vie dans les îles;\n");
        Assert.Equal(HttpStatusCode.Redirect, good.Status);
        var framework = await app.WithDatabaseAsync(db => db.Frameworks.Include(f => f.Entries).SingleAsync(f => f.Name == "Défis du territoire"));
        Assert.Equal(app.World.OrganisationId, framework.OrganisationId);
        Assert.Equal(["MER", "ILES"], framework.Entries.OrderBy(e => e.Position).Select(e => e.Code));
        Assert.Equal("Maritime economy", framework.Entries.Single(e => e.Code == "MER").LabelEn);

        var (participant, _) = await app.SignedInAsync("Participant sans rôle");
        Assert.StartsWith("http://localhost/error/403", (await ImportAsync(participant, "Refusé", "code,label_fr\nA,B\n")).Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_framework_file_past_its_limits_is_refused_next_to_the_file_and_the_name_is_kept()
    {
        var (analyst, _) = await app.SignedInAsync("Analyste des limites", Role.Analyst);
        var cases = new (string Csv, string Message)[]
        {
            ("code,label_fr\n" + string.Concat(Enumerable.Range(1, 1000).Select(i => $"C{i},Entrée {i}\n")), "Ce fichier dépasse 1\u202F000 lignes."),
            ("code,label_fr" + string.Concat(Enumerable.Repeat(",x", 20)) + "\nA,B\n", "Une ligne de ce fichier dépasse 20 colonnes."),
            ("code,label_fr\nA," + new string('b', 256 * 1024) + "\n", "Ce fichier dépasse 256\u00A0Ko."),
        };
        foreach (var (csv, message) in cases)
        {
            var refused = await ImportAsync(analyst, "Trop grand", csv);
            Assert.Equal(HttpStatusCode.OK, refused.Status);
            Assert.Equal(message, refused.Text("#file-error"));
            Assert.Equal("Trop grand", refused.Document.QuerySelector("#Name")!.GetAttribute("value"));
        }
        Assert.False(await app.WithDatabaseAsync(db => db.Frameworks.AnyAsync(f => f.Name == "Trop grand")));
    }

    private static async Task<Session.Response> ImportAsync(Session session, string name, string csv)
    {
        // Any page of the signed-in person carries their antiforgery token, also for one refused the import page.
        var page = await session.GetAsync("/account");
        var token = page.Document.QuerySelector("input[name=__csrf]")?.GetAttribute("value") ?? "";
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__csrf" },
            { new StringContent(name), "Name" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "referentiel.csv" },
        };
        return await Session.Response.ReadAsync(await session.Client.PostAsync("/frameworks/import", form));
    }

    private static List<(string, string, int, int)> Bars(Session.Response page) =>
        page.Document.QuerySelectorAll("td[data-row] svg.bars").Select(svg => (
            svg.ParentElement!.GetAttribute("data-row")!, svg.ParentElement!.GetAttribute("data-column")!,
            int.Parse(svg.QuerySelector("rect.strength")!.GetAttribute("data-count")!, CultureInfo.InvariantCulture),
            int.Parse(svg.QuerySelector("rect.weakness")!.GetAttribute("data-count")!, CultureInfo.InvariantCulture)))
        .OrderBy(c => c.Item1).ThenBy(c => c.Item2).ToList();

    private static List<(string, string, int, int)> TableRows(Session.Response page) =>
        page.Document.QuerySelectorAll("table.grid-data tr[data-row]").Select(tr => (
            tr.GetAttribute("data-row")!, tr.GetAttribute("data-column")!,
            int.Parse(tr.QuerySelector("td.strengths")!.TextContent, CultureInfo.InvariantCulture),
            int.Parse(tr.QuerySelector("td.weaknesses")!.TextContent, CultureInfo.InvariantCulture)))
        .OrderBy(c => c.Item1).ThenBy(c => c.Item2).ToList();
}
