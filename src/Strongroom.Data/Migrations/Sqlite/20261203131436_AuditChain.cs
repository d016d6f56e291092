using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Strongroom.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "Hash",
                table: "audit_events",
                type: "BLOB",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "PrevHash",
                table: "audit_events",
                type: "BLOB",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Seq",
                table: "audit_events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UserAgent",
                table: "audit_events",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_checkpoints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    HeadHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    Time = table.Column<long>(type: "INTEGER", nullable: false),
                    PrevSignature = table.Column<byte[]>(type: "BLOB", maxLength: 64, nullable: false),
                    Signature = table.Column<byte[]>(type: "BLOB", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_checkpoints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_head",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Seq = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_head", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "audit_head",
                columns: new[] { "Id", "Hash", "Seq" },
                values: new object[] { 1, new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_Seq",
                table: "audit_events",
                column: "Seq",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_checkpoints_Size",
                table: "audit_checkpoints",
                column: "Size",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_checkpoints");

            migrationBuilder.DropTable(
                name: "audit_head");

            migrationBuilder.DropIndex(
                name: "IX_audit_events_Seq",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "PrevHash",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "Seq",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "UserAgent",
                table: "audit_events");
        }
    }
}
