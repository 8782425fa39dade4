using Parvis.Web.Kernel.Modules;

namespace Parvis.Web.Modules.Workshops;

/// <summary>The demo's workshop: an HTD-style workshop prepared for next week, from the template, so facilitators can try the console and the wall.</summary>
internal static class WorkshopsDemo
{
    public static void Seed(DemoProcess demo)
    {
        demo.Use(WorkshopsModule.Key);
        var (db, process) = (demo.Db, demo.Process);
        var template = WorkshopTemplates.Load("htd");
        var workshop = new Workshop
        {
            OrganisationId = process.OrganisationId, ProcessId = process.Id, Title = "Atelier : le numérique dans nos vies", JoinCode = "PAYS56",
            Place = "Médiathèque de Lanester", StartsAt = new DateTimeOffset(DateTime.Today.AddDays(6).AddHours(14)),
        };
        template.CopyInto(workshop, "fr");
        foreach (var group in workshop.Groups)
        {
            group.ThemeId = process.Themes[group.Position % process.Themes.Count].Id;
        }
        db.Workshops.Add(workshop);
    }
}
