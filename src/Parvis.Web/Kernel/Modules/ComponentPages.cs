using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Kernel.Modules;

/// <summary>A page about one process: once its handler has loaded the process, the kernel checks the process uses the page's module.</summary>
public interface IProcessPage
{
    /// <summary>Null until loaded, or when there is none to show.</summary>
    Process? Process { get; }
}

/// <summary>
/// A module's page about a process that does not use the module answers 404, as if the page did not exist. Commands
/// refuse on their own, before writing (a module's command loads its process through <see cref="Processes.ProcessAccess"/>
/// with its name): this covers what a page only reads.
/// </summary>
public sealed class ComponentPages(ModuleCatalog modules) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is null && executed.HandlerInstance is IProcessPage { Process: { } process }
            && modules.ModuleOf(executed.HandlerInstance.GetType()) is { } module && !process.Uses(module.Name))
        {
            executed.Result = new NotFoundResult();
        }
    }
}
