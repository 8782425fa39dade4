using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parvis.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DirectoryAndTerritory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "directory_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Description = table.Column<string>(type: "character varying(3000)", maxLength: 3000, nullable: false),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Commune = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    OpeningHours = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Access = table.Column<int>(type: "integer", nullable: false),
                    AccessNotes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Website = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Links = table.Column<string>(type: "character varying(1505)", maxLength: 1505, nullable: false),
                    Language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CheckedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directory_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_directory_entries_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_actor_mentions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_actor_mentions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_actor_mentions_kernel_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "kernel_processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kernel_territory_areas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Outline = table.Column<string>(type: "character varying(400000)", maxLength: 400000, nullable: false),
                    LabelLongitude = table.Column<double>(type: "double precision", nullable: false),
                    LabelLatitude = table.Column<double>(type: "double precision", nullable: false),
                    West = table.Column<double>(type: "double precision", nullable: false),
                    South = table.Column<double>(type: "double precision", nullable: false),
                    East = table.Column<double>(type: "double precision", nullable: false),
                    North = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kernel_territory_areas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kernel_territory_areas_kernel_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "kernel_organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "directory_entry_themes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    ThemeId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directory_entry_themes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_directory_entry_themes_directory_entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "directory_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_directory_entry_themes_kernel_themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "kernel_themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "directory_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: true),
                    BasedOn = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Content = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProposedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    DecidedById = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directory_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_directory_versions_directory_entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "directory_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_directory_versions_kernel_people_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_directory_versions_kernel_people_DecidedById",
                        column: x => x.DecidedById,
                        principalTable: "kernel_people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_directory_entries_ProcessId_State_Name",
                table: "directory_entries",
                columns: new[] { "ProcessId", "State", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_directory_entry_themes_EntryId_ThemeId",
                table: "directory_entry_themes",
                columns: new[] { "EntryId", "ThemeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_directory_entry_themes_ThemeId",
                table: "directory_entry_themes",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_directory_versions_AuthorId_State",
                table: "directory_versions",
                columns: new[] { "AuthorId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_directory_versions_DecidedById",
                table: "directory_versions",
                column: "DecidedById");

            migrationBuilder.CreateIndex(
                name: "IX_directory_versions_EntryId_Number",
                table: "directory_versions",
                columns: new[] { "EntryId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_directory_versions_State",
                table: "directory_versions",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_actor_mentions_OrganisationId_ActorId",
                table: "kernel_actor_mentions",
                columns: new[] { "OrganisationId", "ActorId" });

            migrationBuilder.CreateIndex(
                name: "IX_kernel_actor_mentions_ProcessId",
                table: "kernel_actor_mentions",
                column: "ProcessId");

            migrationBuilder.CreateIndex(
                name: "IX_kernel_actor_mentions_SubjectId_Kind",
                table: "kernel_actor_mentions",
                columns: new[] { "SubjectId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_kernel_territory_areas_OrganisationId_Name",
                table: "kernel_territory_areas",
                columns: new[] { "OrganisationId", "Name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "directory_entry_themes");

            migrationBuilder.DropTable(
                name: "directory_versions");

            migrationBuilder.DropTable(
                name: "kernel_actor_mentions");

            migrationBuilder.DropTable(
                name: "kernel_territory_areas");

            migrationBuilder.DropTable(
                name: "directory_entries");
        }
    }
}
