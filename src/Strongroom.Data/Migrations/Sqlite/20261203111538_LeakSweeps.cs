using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Strongroom.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LeakSweeps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "leak_alerts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    RepoId = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    OwnerIsOrg = table.Column<bool>(type: "INTEGER", nullable: false),
                    Repository = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RuleId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 1100, nullable: false),
                    Line = table.Column<long>(type: "INTEGER", nullable: false),
                    Commit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    FirstSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StateChangedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StateChangedByUserId = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leak_alerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_leak_alerts_repositories_RepoId",
                        column: x => x.RepoId,
                        principalTable: "repositories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "repo_sweeps",
                columns: table => new
                {
                    RepoId = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    RuleSetVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Tips = table.Column<string>(type: "TEXT", nullable: false),
                    SweptAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_repo_sweeps", x => x.RepoId);
                    table.ForeignKey(
                        name: "FK_repo_sweeps_repositories_RepoId",
                        column: x => x.RepoId,
                        principalTable: "repositories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_leak_alerts_OwnerId_State",
                table: "leak_alerts",
                columns: new[] { "OwnerId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_leak_alerts_RepoId_Fingerprint_Path",
                table: "leak_alerts",
                columns: new[] { "RepoId", "Fingerprint", "Path" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "leak_alerts");

            migrationBuilder.DropTable(
                name: "repo_sweeps");
        }
    }
}
