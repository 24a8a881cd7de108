using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Chengguan.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseIntegration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Integration",
                table: "cases",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            // The hotline's orders are the hotline integration's (Identity/Integrations.cs), also those
            // delivered before cases recorded it. Earlier Open311 reports name no client and stay staff-only.
            migrationBuilder.Sql("""
                UPDATE cases SET "Integration" = 'hotline' WHERE "Channel" IN ('Hotline12345', 'Hotline12319');
                """);

            // Keys made with the value the console used to suggest for the platform keep working; any other
            // value is unknown to the catalogue and authenticates nothing until an administrator reissues the key.
            migrationBuilder.Sql("""
                UPDATE api_keys SET "Integration" = 'hotline' WHERE "Integration" IN ('hotline-12345', 'hotline-12319');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Integration",
                table: "cases");
        }
    }
}
