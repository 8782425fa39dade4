// Tests read and write every module's tables through the context; a module's sets are extensions in its namespace.
global using Parvis.Web.Modules.Debates;
global using Parvis.Web.Modules.Meetings;
global using Parvis.Web.Modules.OpinionMaps;
global using Parvis.Web.Modules.Petitions;
global using Parvis.Web.Modules.Proposals;
global using Parvis.Web.Modules.Surveys;
global using Parvis.Web.Modules.Texts;
global using Parvis.Web.Modules.Votes;
global using Parvis.Web.Modules.Workshops;
global using Parvis.Web.Modules.LocalDirectory;
