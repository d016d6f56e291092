using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Strongroom.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CaseInsensitiveNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "namespaces",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(42)", maxLength: 42, nullable: false),
                    OwnerId = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_namespaces", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_namespaces_OwnerId",
                table: "namespaces",
                column: "OwnerId",
                unique: true);

            // Existing names claim their lower-case key, users first; a later name that differs from an earlier
            // one only in case keeps working but blocks nothing (the unique key is already claimed).
            migrationBuilder.Sql("INSERT INTO namespaces (\"Key\", \"OwnerId\") SELECT lower(\"Name\"), \"Id\" FROM users ORDER BY \"CreatedAt\" ON CONFLICT DO NOTHING;");
            migrationBuilder.Sql("INSERT INTO namespaces (\"Key\", \"OwnerId\") SELECT lower(\"Name\"), \"Id\" FROM organizations ORDER BY \"CreatedAt\" ON CONFLICT DO NOTHING;");

            // One repository name per owner and type whatever its case (an expression index, which the EF model cannot state).
            migrationBuilder.Sql("CREATE UNIQUE INDEX \"IX_repositories_Type_OwnerId_lower_Name\" ON repositories (\"Type\", \"OwnerId\", lower(\"Name\"));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX \"IX_repositories_Type_OwnerId_lower_Name\";");
            migrationBuilder.DropTable(
                name: "namespaces");
        }
    }
}
