using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Accountability;
using Parvis.Web.Kernel.Analysis;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Shared;

/// <summary>
/// A page of the codes of one scheme (a grid's cells, a process's themes) suggested for contributions: the queue, how
/// many coded contributions it learned from, the closest of them as examples, and the analyst's answers.
/// </summary>
public abstract class SuggestionQueuePage(CodeSuggestions suggestions, FateCommands fates) : ParvisPageModel
{
    public Process Process { get; protected set; } = default!;
    public IReadOnlyList<SuggestedFor> Queue { get; private set; } = [];
    public int Coded { get; private set; }

    // The coded contributions shown as examples, by id.
    private Dictionary<Guid, Contribution> _examples = [];

    public abstract string Address { get; }

    protected CodeSuggestions Suggestions { get; } = suggestions;

    protected abstract ICodeScheme Scheme { get; }

    /// <summary>The queue as the shared partial shows it, each code named by <paramref name="heading"/>.</summary>
    protected SuggestionQueueView QueueView(Func<Suggestion, string> heading, string accept) =>
        new(Queue, heading, s => s.Like.Select(id => _examples.GetValueOrDefault(id)).FirstOrDefault(c => c is not null), accept);

    protected async Task<IActionResult> AcceptAsync(Guid contribution, string code, string done) =>
        await AfterAsync(await Suggestions.AcceptAsync(Process, Scheme, contribution, code), done, Address, ShowAsync);

    protected async Task<IActionResult> RejectAsync(Guid contribution, string code) =>
        await AfterAsync(await Suggestions.RejectAsync(Process, Scheme, contribution, code), "Suggestions.Rejected", Address, ShowAsync);

    protected virtual async Task ShowAsync()
    {
        if (!CodeSuggestions.Offered(Process))
        {
            return;
        }
        var scheme = Scheme;
        var build = await Suggestions.BuildAsync(Process, scheme);
        Coded = build.Suggester.Coded;
        Queue = await Suggestions.QueueAsync(Process, scheme, build);
        var like = Queue.SelectMany(q => q.Suggestions).SelectMany(s => s.Like).Distinct().ToList();
        _examples = await fates.Shown.AsNoTracking().Where(c => like.Contains(c.Id) && c.Fate != Fate.Merged).ToDictionaryAsync(c => c.Id);
    }
}
