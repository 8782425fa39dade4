using Parvis.Web.Demo;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Setup;
using Parvis.Web.Kernel.Web;
using Parvis.Web.Modules;

if (args.Length > 0 && Installed.Commands.FirstOrDefault(c => c.Name == args[0]) is { } offline)
{
    return offline.Run(args, Console.Out, Console.Error);
}
var commandLine = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(commandLine.HostArguments);
if (commandLine.Demo)
{
    // A demo is tried on whatever address the machine has (an IP, a name on the local network): it answers them all.
    builder.Configuration[OrganisationDirectory.DefaultHostSetting] ??= DemoData.Host;
}
builder.AddParvisKernel(Installed.Modules);

var app = builder.Build();
await DatabaseSetup.MigrateAsync(app.Services);
if (commandLine.Command is not null)
{
    return await AdminCli.RunAsync(commandLine, app.Services);
}
if (commandLine.Demo)
{
    await DemoData.SeedIfEmptyAsync(app.Services);
}
app.UseParvisKernel();
await app.RunAsync();
return 0;

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
