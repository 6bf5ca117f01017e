using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ClientContracts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "client_contracts",
                columns: table => new
                {
                    client = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    document = table.Column<string>(type: "TEXT", nullable: false),
                    updated = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_client_contracts", x => x.client);
                });

            migrationBuilder.CreateTable(
                name: "client_information",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    client = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    supplied = table.Column<long>(type: "INTEGER", nullable: false),
                    effective_at = table.Column<long>(type: "INTEGER", nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_client_information", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_client_information_client_supplied",
                table: "client_information",
                columns: new[] { "client", "supplied" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "client_contracts");

            migrationBuilder.DropTable(
                name: "client_information");
        }
    }
}
