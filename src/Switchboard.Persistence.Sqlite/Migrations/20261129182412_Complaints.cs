using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Complaints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "complaint_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    complaint = table.Column<long>(type: "INTEGER", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    client = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_complaint_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "complaints",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    client = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    severity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    vulnerable_customer = table.Column<bool>(type: "INTEGER", nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    remedy_sought = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    customer_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    customer_email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    owner = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    level = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    handling = table.Column<string>(type: "TEXT", nullable: false),
                    received = table.Column<long>(type: "INTEGER", nullable: false),
                    updated = table.Column<long>(type: "INTEGER", nullable: false),
                    acknowledgement_due = table.Column<long>(type: "INTEGER", nullable: true),
                    response_due = table.Column<long>(type: "INTEGER", nullable: true),
                    earlier_complaint = table.Column<long>(type: "INTEGER", nullable: true),
                    root_cause = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_complaints", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_complaint_events_complaint_sequence",
                table: "complaint_events",
                columns: new[] { "complaint", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_complaints_client_status",
                table: "complaints",
                columns: new[] { "client", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_reference",
                table: "complaints",
                column: "reference",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "complaint_events");

            migrationBuilder.DropTable(
                name: "complaints");
        }
    }
}
