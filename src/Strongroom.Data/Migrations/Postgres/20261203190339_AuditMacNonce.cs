using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Strongroom.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditMacNonce : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
