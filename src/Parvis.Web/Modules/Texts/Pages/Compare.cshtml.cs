using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Modules.Texts.Pages;

/// <summary>Any two versions of a text compared article by article, inline or side by side; unchanged articles are counted, not repeated.</summary>
public sealed class CompareModel(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes) : TextPage(db, organisation, processes)
{
    public int From { get; private set; }
    public int To { get; private set; }
    public bool SideBySide { get; private set; }
    public IReadOnlyList<ArticleComparison> Changed { get; private set; } = [];
    public int Unchanged { get; private set; }

    /// <summary>Some article was too much to compare word by word on one page, and is shown whole.</summary>
    public bool Whole { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int from, int to, string? view)
    {
        if (!await LoadTextAsync(id))
        {
            return NotFound();
        }
        if (Versions.All(v => v.Number != from) || Versions.All(v => v.Number != to))
        {
            return NotFound();
        }
        (From, To, SideBySide) = (from, to, view == "side");
        if (from == to)
        {
            ModelState.AddModelError("", Text["Texts.CompareSame"]);
            return Page();
        }
        var budget = new DiffBudget();
        var lines = TextComparison.Compare(await ArticlesAsync(from), await ArticlesAsync(to), budget);
        Whole = budget.Spent;
        Changed = [.. lines.Where(l => l.Kind is not null)];
        Unchanged = lines.Count - Changed.Count;
        return Page();
    }
}
