using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Kernel.Modules;

/// <summary>A page about one process: once its handler has loaded the process, the kernel checks the process uses the page's module.</summary>
public interface IProcessPage
{
    /// <summary>Null until loaded, or when there is none to show.</summary>
    Process? Process { get; }

    /// <summary>For a module a process may use more than once, the component the page shows; null for the module's first.</summary>
    Guid? ComponentId => null;
}

/// <summary>
/// A module's page about a process that does not use the module (or about a component switched off) answers 404, as if
/// the page did not exist. Commands
/// refuse on their own, before writing (a module's command loads its process through <see cref="Processes.ProcessAccess"/>
/// with its name): this covers what a page only reads. One instance serves every request, without awaiting anything.
/// </summary>
public sealed class ComponentPages(ModuleCatalog modules) : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
        if (context.Exception is null && context.HandlerInstance is IProcessPage { Process: { } process } page
            && modules.ModuleOf(context.HandlerInstance.GetType()) is { } module
            && (page.ComponentId is { } id ? process.Component(id)?.Module != module.Name : !process.Uses(module.Name)))
        {
            context.Result = new NotFoundResult();
        }
    }
}
