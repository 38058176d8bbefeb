"""The program's name and version, in one place (build.spec imports it too)."""

APP_NAME = "CivicAudit"
APP_NAME_ZH = "创城巡检"
APP_ORGANISATION = "CivicAudit"
VERSION = "0.1.0"
