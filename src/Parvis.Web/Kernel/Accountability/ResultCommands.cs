using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Audit;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Notifications;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Kernel.Text;

namespace Parvis.Web.Kernel.Accountability;

/// <summary>
/// A dated update of a result; when <paramref name="NamesActor"/> (the form offered the choice), <paramref name="Actor"/> is
/// the actor of the territory carrying it, or none.
/// </summary>
public sealed record ResultInput(ResultStatus Status, int Progress, string ResponsibleBody, string Text, DateOnly On, Guid? Actor = null, bool NamesActor = false);

/// <summary>
/// Results tracking: dated public updates of recommendations and actions, one at a time or in bulk
/// from CSV (all lines or none). The CSV export of a process's results is the template to fill in.
/// </summary>
public sealed class ResultCommands(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer, AuditLog audit, TimeProvider clock,
    ProcessAccess processes, Notifier notifier, Territory.ActorMentions actors)
{
    /// <summary>A results file is a few lines per action; a bigger one is a mistake.</summary>
    public static readonly UploadLimits Limits = new(1024 * 1024, Rows: 5000, Columns: 20);

    /// <summary>The kind of mention by which a result names the actor carrying it.</summary>
    public const string ResultMention = "result";

    public static readonly string[] CsvColumns = ["item_id", "title", "status", "progress", "responsible_body", "date", "update"];

    public async Task<CommandResult> UpdateAsync(Guid itemId, ResultInput input)
    {
        var item = await db.SynthesisItems.FirstOrDefaultAsync(i => i.Id == itemId && i.OrganisationId == organisation.Id);
        var process = item is null ? null : await processes.FindAsync(item.ProcessId);
        if (item is null || process is null)
        {
            return CommandResult.Missing();
        }
        var decision = await authorizer.DecideAsync(Permission.Analyse, process);
        if (decision != Decision.Allowed)
        {
            return CommandResult.Refused(decision);
        }
        if (Invalid(item, input) is { } error)
        {
            return CommandResult.Refused(error);
        }
        if (input.NamesActor && !await actors.SetAsync(item.Id, ResultMention, input.Actor, item.ProcessId, item.Title, $"/synthesis/{item.Id}"))
        {
            return CommandResult.Refused("Error.UnknownActor");
        }
        await ApplyAsync(item, input);
        await db.SaveChangesAsync();
        return CommandResult.Done(item.Id);
    }

    /// <summary>Applies every line of a sheet read with <see cref="Limits"/>, or none: the errors name the lines (error keys with the line number).</summary>
    public async Task<(CommandResult Result, IReadOnlyList<(int Line, string ErrorKey)> Errors, int Applied)> ImportAsync(Guid processId, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var process = await processes.FindAsync(processId);
        if (process is null)
        {
            return (CommandResult.Missing(), [], 0);
        }
        var decision = await authorizer.DecideAsync(Permission.Analyse, process);
        if (decision != Decision.Allowed)
        {
            return (CommandResult.Refused(decision), [], 0);
        }
        var items = await db.SynthesisItems.Where(i => i.ProcessId == processId).ToDictionaryAsync(i => i.Id);
        var errors = new List<(int, string)>();
        var updates = new List<(SynthesisItem Item, ResultInput Input)>();
        var header = new SheetHeader(rows.Count > 0 ? rows[0] : []);
        if (CsvColumns.Except(["title"]).Any(c => !header.Has(c)))
        {
            return (CommandResult.Refused("Error.ResultsFile"), [(1, "Results.Error.Header")], 0);
        }
        for (var r = 1; r < rows.Count; r++)
        {
            var line = r + 1;
            string Field(string name) => header.Field(rows[line - 1], name);
            if (CsvColumns.All(c => c == "title" || Field(c).Length == 0))
            {
                continue;
            }
            if (!Guid.TryParse(Field("item_id"), out var id) || !items.TryGetValue(id, out var item))
            {
                errors.Add((line, "Results.Error.Item"));
                continue;
            }
            if (!Enum.TryParse<ResultStatus>(Field("status"), ignoreCase: true, out var status) || !Enum.IsDefined(status))
            {
                errors.Add((line, "Results.Error.Status"));
                continue;
            }
            if (!int.TryParse(Field("progress").TrimEnd('%'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var progress))
            {
                errors.Add((line, "Results.Error.Progress"));
                continue;
            }
            if (!DateOnly.TryParseExact(Field("date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
            {
                errors.Add((line, "Results.Error.Date"));
                continue;
            }
            var input = new ResultInput(status, progress, Field("responsible_body"), Field("update"), on);
            if (Invalid(item, input) is { } error)
            {
                errors.Add((line, error));
                continue;
            }
            updates.Add((item, input));
        }
        if (errors.Count > 0 || updates.Count == 0)
        {
            return (CommandResult.Refused("Error.ResultsFile"), errors.Count > 0 ? errors : [(1, "Results.Error.Empty")], 0);
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var (item, input) in updates)
        {
            await ApplyAsync(item, input);
        }
        audit.Record("results.import", $"process:{processId}", $"{updates.Count} updates");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return (CommandResult.Done(processId), [], updates.Count);
    }

    private string? Invalid(SynthesisItem item, ResultInput input)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        return true switch
        {
            _ when !item.IsTracked => "Error.NotTracked",
            _ when input.Progress is < 0 or > 100 => "Error.Progress",
            _ when input.Status == ResultStatus.Done && input.Progress != 100 => "Error.DoneProgress",
            _ when input.Text.Trim().Length == 0 => "Error.UpdateTextRequired",
            _ when input.Text.Trim().Length > ResultUpdate.TextMax || input.ResponsibleBody.Trim().Length > ResultUpdate.ResponsibleMax => "Error.UpdateTooLong",
            _ when input.On > today => "Error.UpdateInFuture",
            _ => null,
        };
    }

    /// <summary>
    /// Records the update and copies it onto the item unless an update dated later exists; the authors of the
    /// contributions behind the item and the process's followers hear of it, in the update's transaction.
    /// </summary>
    private async Task ApplyAsync(SynthesisItem item, ResultInput input)
    {
        db.ResultUpdates.Add(new ResultUpdate
        {
            OrganisationId = item.OrganisationId, ProcessId = item.ProcessId, SynthesisItemId = item.Id,
            Status = input.Status, Progress = input.Progress, ResponsibleBody = input.ResponsibleBody.Trim(), Text = input.Text.Trim(),
            On = input.On, RecordedAt = clock.GetUtcNow(), AuthorId = authorizer.PersonId,
        });
        audit.Record("results.update", $"synthesis:{item.Id}", $"{input.Status} {input.Progress}%");
        if (item.LastUpdateOn is not null && input.On < item.LastUpdateOn)
        {
            // An earlier step recorded late joins the timeline: the item's state is not news.
            return;
        }
        item.Status = input.Status;
        item.Progress = input.Progress;
        item.ResponsibleBody = input.ResponsibleBody.Trim();
        item.LastUpdateOn = input.On;
        var authors = db.SynthesisLinks.Where(l => l.SynthesisItemId == item.Id)
            .Join(db.Contributions.Where(c => c.HiddenAt == null && c.ErasedAt == null), l => l.ContributionId, c => c.Id, (_, c) => c.AuthorId)
            .Where(a => a != null).Select(a => a!.Value);
        await notifier.RaiseAsync(new Notice(KernelNotifications.ResultUpdated, item.OrganisationId, item.ProcessId, item.Id, item.Title, $"/synthesis/{item.Id}",
            NoticeArgument.Text("ResultStatus." + input.Status), input.Progress.ToString(CultureInfo.InvariantCulture), input.Text.Trim())
        {
            Involved = authors,
            ToProcessFollowers = true,
            ThemeId = item.ThemeId,
            ActorId = authorizer.PersonId,
        });
    }
}
