using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Mediation;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Kernel.Demographics;

/// <summary>What a person answers about themselves, each question optional.</summary>
public sealed record DemographicInput(string? AgeBand, string? Gender, string? Category, string? Commune, bool? FirstTime);

/// <summary>A faulty line of a population file: its number and why, as a text key.</summary>
public sealed record PopulationError(int Line, string ErrorKey, params object[] Arguments);

/// <summary>
/// The optional answers (a person's own, changed or deleted at will) and the territory's population, imported whole
/// or not at all: the import names the first faulty lines and stores nothing then.
/// </summary>
public sealed class DemographicCommands(DatabaseOnDemand database, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, TimeProvider clock,
    MediationCommands mediation)
{
    private ParvisDbContext Db => database.Context;

    public static readonly UploadLimits Limits = new(2 * 1024 * 1024, Rows: 50_000, Columns: 4);

    /// <summary>The columns of a population file, in order.</summary>
    public static readonly IReadOnlyList<string> Columns = ["commune", "dimension", "band", "count"];

    /// <summary>The person's answers for a process, if any.</summary>
    public Task<DemographicAnswer?> MineAsync(Guid processId) => authorizer.PersonId is { } me
        ? Db.DemographicAnswers.AsNoTracking().FirstOrDefaultAsync(a => a.ProcessId == processId && a.PersonId == me)
        : Task.FromResult<DemographicAnswer?>(null);

    /// <summary>The communes the territory's figures name, for the commune question.</summary>
    public async Task<IReadOnlyList<string>> CommunesAsync() =>
        await Db.PopulationFigures.Where(f => f.OrganisationId == organisation.Id && f.Commune != "").Select(f => f.Commune).Distinct().OrderBy(c => c).ToListAsync();

    public async Task<CommandResult> SaveAsync(Process process, DemographicInput input)
    {
        if (authorizer.PersonId is not { } me)
        {
            return CommandResult.Refused(Decision.SignInRequired);
        }
        if (process.OrganisationId != organisation.Id || !process.Published)
        {
            return CommandResult.Missing();
        }
        if (authorizer.OutsideMandate(process.Id))
        {
            return CommandResult.Refused(Decision.OutsideMandate);
        }
        if (await InvalidAsync(input))
        {
            return CommandResult.Refused("Demographics.UnknownChoice");
        }
        for (var attempt = 1; ; attempt++)
        {
            var answer = await Db.DemographicAnswers.FirstOrDefaultAsync(a => a.ProcessId == process.Id && a.PersonId == me);
            if (answer is null)
            {
                answer = new DemographicAnswer { OrganisationId = organisation.Id, ProcessId = process.Id, PersonId = me };
                Db.DemographicAnswers.Add(answer);
            }
            // Answered with a mediator's help, they count in that channel.
            answer.Channel = mediation.Acting is null ? Channel.Online : Channel.Mediated;
            Fill(answer, input);
            try
            {
                await Db.SaveChangesAsync();
                return CommandResult.Done(answer.Id);
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e) && attempt < 2)
            {
                // The same form sent twice at once (a double click): the first answer went in, this one changes it.
                Db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The channels a form typed in by staff comes from: a paper form (or a desk), a workshop, a meeting.</summary>
    public static readonly IReadOnlyList<Channel> FormChannels = [Channel.Paper, Channel.Workshop, Channel.Meeting];

    /// <summary>
    /// One paper form's answers, typed in by staff or a facilitator: counted in its channel, naming nobody (a form
    /// carries no name), so it can be neither found nor changed afterwards.
    /// </summary>
    public async Task<CommandResult> RecordFormAsync(Process process, DemographicInput input, Channel channel)
    {
        if (process.OrganisationId != organisation.Id || !process.Published)
        {
            return CommandResult.Missing();
        }
        if (await authorizer.DecideAsync(Permission.TypeForms, process) is var decision and not Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (!FormChannels.Contains(channel) || await InvalidAsync(input))
        {
            return CommandResult.Refused("Demographics.UnknownChoice");
        }
        if (new[] { input.AgeBand, input.Gender, input.Category, input.Commune }.All(string.IsNullOrWhiteSpace) && input.FirstTime is null)
        {
            return CommandResult.Refused("Demographics.EmptyForm");
        }
        var answer = new DemographicAnswer { OrganisationId = organisation.Id, ProcessId = process.Id, Channel = channel };
        Fill(answer, input);
        Db.DemographicAnswers.Add(answer);
        audit.Record("demographics.form", $"process:{process.Id}", channel.ToString());
        await Db.SaveChangesAsync();
        return CommandResult.Done(answer.Id);
    }

    /// <summary>How many forms were typed in for a process, by channel.</summary>
    public async Task<IReadOnlyDictionary<Channel, int>> FormsAsync(Guid processId) =>
        await Db.DemographicAnswers.Where(a => a.ProcessId == processId && a.PersonId == null).GroupBy(a => a.Channel)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);

    private async Task<bool> InvalidAsync(DemographicInput input) =>
        Invalid(input.AgeBand, Dimension.Age) || Invalid(input.Gender, Dimension.Gender) || Invalid(input.Category, Dimension.Category)
        || (input.Commune is { Length: > 0 } commune && !(await CommunesAsync()).Contains(commune));

    private void Fill(DemographicAnswer answer, DemographicInput input)
    {
        (answer.AgeBand, answer.Gender, answer.Category, answer.Commune, answer.FirstTime) =
            (Blank(input.AgeBand), Blank(input.Gender), Blank(input.Category), Blank(input.Commune), input.FirstTime);
        answer.GivenAt = clock.GetUtcNow();
    }

    public async Task<CommandResult> DeleteAsync(Guid processId)
    {
        if (authorizer.PersonId is not { } me)
        {
            return CommandResult.Refused(Decision.SignInRequired);
        }
        // Deleting is the person's own choice, made on their own.
        if (mediation.Acting is not null)
        {
            return CommandResult.Refused(Decision.OutsideMandate);
        }
        await Db.DemographicAnswers.Where(a => a.ProcessId == processId && a.PersonId == me).ExecuteDeleteAsync();
        return CommandResult.Done();
    }

    private static bool Invalid(string? band, Dimension dimension) => band is { Length: > 0 } && !Bands.Of(dimension).Contains(band);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// Replaces the territory's figures with a file's (commune, dimension, band, count; a header line first): every
    /// commune gives every band of age, gender and socio-professional category, and the three totals agree.
    /// </summary>
    public async Task<(CommandResult Result, IReadOnlyList<PopulationError> Errors, int Figures)> ImportPopulationAsync(IReadOnlyList<IReadOnlyList<string>> rows)
    {
        if (await authorizer.DecideAsync(Permission.ManageOrganisation) is var decision and not Decision.Allowed)
        {
            return (CommandResult.Refused(decision), [], 0);
        }
        var errors = new List<PopulationError>();
        if (rows.Count == 0 || !rows[0].Select(c => c.Trim().ToLowerInvariant()).SequenceEqual(Columns))
        {
            return (CommandResult.Refused("Population.Header"), [], 0);
        }
        var figures = new List<(int Line, PopulationFigure Figure)>();
        var seen = new HashSet<(string, Dimension, string)>();
        for (var i = 1; i < rows.Count; i++)
        {
            var (line, row) = (i + 1, rows[i]);
            if (row.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            var commune = row.ElementAtOrDefault(0)?.Trim() ?? "";
            if (commune.Length is 0 or > DemographicAnswer.CommuneMax)
            {
                errors.Add(new(line, "Population.Commune"));
            }
            else if (!Bands.FileNames.TryGetValue(row.ElementAtOrDefault(1)?.Trim() ?? "", out var dimension))
            {
                errors.Add(new(line, "Population.Dimension", row.ElementAtOrDefault(1) ?? ""));
            }
            else if (row.ElementAtOrDefault(2)?.Trim() is not { } band || !Bands.Of(dimension).Contains(band) || band == Bands.OtherGender)
            {
                errors.Add(new(line, "Population.Band", row.ElementAtOrDefault(2) ?? ""));
            }
            else if (!long.TryParse(row.ElementAtOrDefault(3)?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > 100_000_000)
            {
                errors.Add(new(line, "Population.Count", row.ElementAtOrDefault(3) ?? ""));
            }
            else if (!seen.Add((commune, dimension, band)))
            {
                errors.Add(new(line, "Population.Twice"));
            }
            else
            {
                figures.Add((line, new PopulationFigure { OrganisationId = organisation.Id, Commune = commune, Dimension = dimension, Band = band, Count = count }));
            }
            if (errors.Count >= 20)
            {
                break;
            }
        }
        if (errors.Count == 0)
        {
            foreach (var commune in figures.GroupBy(f => f.Figure.Commune))
            {
                var last = commune.Max(f => f.Line);
                var totals = Bands.FileNames.Values.ToDictionary(d => d, d => commune.Where(f => f.Figure.Dimension == d).ToList());
                if (totals.FirstOrDefault(t => t.Value.Count != Bands.Of(t.Key).Count(b => b != Bands.OtherGender)) is { Value: not null } missing)
                {
                    errors.Add(new(last, "Population.Missing", commune.Key, missing.Key.ToString().ToLowerInvariant()));
                }
                else if (totals.Values.Select(t => t.Sum(f => f.Figure.Count)).Distinct().Count() > 1)
                {
                    errors.Add(new(last, "Population.Totals", commune.Key));
                }
            }
        }
        if (errors.Count > 0)
        {
            return (CommandResult.Refused("Population.Refused"), errors, 0);
        }
        await using var transaction = await Db.Database.BeginTransactionAsync();
        await Db.PopulationFigures.Where(f => f.OrganisationId == organisation.Id).ExecuteDeleteAsync();
        Db.PopulationFigures.AddRange(figures.Select(f => f.Figure));
        audit.Record("population.import", $"organisation:{organisation.Id}", figures.Count.ToString(CultureInfo.InvariantCulture));
        await Db.SaveChangesAsync();
        await transaction.CommitAsync();
        return (CommandResult.Done(), [], figures.Count);
    }

    /// <summary>
    /// The representativeness of a process's answers, dimension by dimension (communes from the figures' age totals),
    /// with the territory's figures; none where the organisation has not imported any.
    /// </summary>
    public async Task<IReadOnlyList<DimensionTable>> TablesAsync(Process process)
    {
        var answers = await Db.DemographicAnswers.AsNoTracking().Where(a => a.ProcessId == process.Id).ToListAsync();
        var figures = await Db.PopulationFigures.AsNoTracking().Where(f => f.OrganisationId == organisation.Id).ToListAsync();
        var communes = figures.Where(f => f.Dimension == Dimension.Age).GroupBy(f => f.Commune).ToDictionary(g => g.Key, g => g.Sum(f => f.Count));
        var tables = new List<DimensionTable>();
        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            var bands = dimension == Dimension.Commune ? [.. communes.Keys.Order()] : Bands.Of(dimension);
            var population = dimension == Dimension.Commune ? communes
                : figures.Where(f => f.Dimension == dimension).GroupBy(f => f.Band).ToDictionary(g => g.Key, g => g.Sum(f => f.Count));
            var given = answers.Where(a => a.Band(dimension) is not null).Select(a => (a.Channel, a.Band(dimension)!)).ToList();
            tables.Add(Representativeness.Table(dimension, bands, given, population));
        }
        return tables;
    }
}
