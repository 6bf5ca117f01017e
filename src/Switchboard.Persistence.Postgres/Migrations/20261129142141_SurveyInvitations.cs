using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SurveyInvitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "survey_invitations",
                columns: table => new
                {
                    contact = table.Column<Guid>(type: "uuid", nullable: false),
                    client = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    queue = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    channel = table.Column<int>(type: "integer", nullable: false),
                    agent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    invited = table.Column<long>(type: "bigint", nullable: false),
                    questions = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_invitations", x => x.contact);
                });

            migrationBuilder.CreateIndex(
                name: "ix_survey_invitations_client_invited",
                table: "survey_invitations",
                columns: new[] { "client", "invited" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "survey_invitations");
        }
    }
}
