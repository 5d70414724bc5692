"""Provisions ProvPulse's Superset inside its application context (run by `provpulse dashboards serve`
with the Superset venv's python and SUPERSET_CONFIG_PATH set):

  admin    USER                  creates the admin USER once, password from PROVPULSE_SUPERSET_ADMIN_PASSWORD
                                  (kept off the command line);
  import   BUNDLE.zip            imports the dashboards bundle overwriting databases, datasets, charts
                                  and dashboards (Superset's assets import), as the admin user;
  leadership ROLE USER BUNDLE.zip creates or refreshes the read-only leadership role: it reads the
                                  bundle's dashboards and charts and queries only the bundle's datasets
                                  (no SQL Lab, no database access, no editing); creates USER with it.

Passwords come from the environment (PROVPULSE_SUPERSET_LEADERSHIP_PASSWORD); when a user is
created without one, a random password is generated and printed once.
"""
import os
import secrets
import sys
import zipfile

LEADERSHIP_PASSWORD_ENV = "PROVPULSE_SUPERSET_LEADERSHIP_PASSWORD"
ADMIN_PASSWORD_ENV = "PROVPULSE_SUPERSET_ADMIN_PASSWORD"

# What the leadership role may do besides querying the bundle's datasets: open dashboards and
# read charts, keep native-filter state and share links. Nothing from SQL Lab, no writes to assets.
LEADERSHIP_PERMISSIONS = [
    ("can_read", "Dashboard"),
    ("can_read", "Chart"),
    ("can_read", "Dataset"),
    ("can_read", "DashboardFilterStateRestApi"),
    ("can_write", "DashboardFilterStateRestApi"),
    ("can_read", "DashboardPermalinkRestApi"),
    ("can_write", "DashboardPermalinkRestApi"),
    ("can_read", "CurrentUserRestApi"),
    ("can_read", "Theme"),
    ("can_read", "AvailableDomains"),
    ("can_dashboard", "Superset"),
    ("can_explore_json", "Superset"),
    ("can_log", "Superset"),
    ("can_language_pack", "Superset"),
    ("can_time_range", "Api"),
    ("can_get", "MenuApi"),
    ("menu_access", "Home"),
    ("menu_access", "Dashboards"),
]


def bundle_contents(path):
    from superset.commands.importers.v1.utils import get_contents_from_bundle

    with zipfile.ZipFile(path) as bundle:
        return get_contents_from_bundle(bundle)


def bundle_dataset_uuids(contents):
    import yaml

    return [yaml.safe_load(text)["uuid"] for name, text in contents.items() if name.startswith("datasets/")]


def import_bundle(path):
    from superset.commands.importers.v1.assets import ImportAssetsCommand

    contents = bundle_contents(path)
    contents["metadata.yaml"] = contents["metadata.yaml"].replace('type: "Dashboard"', 'type: "assets"')
    ImportAssetsCommand(contents).run()
    print("Imported the dashboards bundle " + path + " (databases, datasets, charts, dashboards overwritten)")


def leadership(role_name, username, path):
    from superset import db, security_manager
    from superset.connectors.sqla.models import SqlaTable

    role = security_manager.find_role(role_name) or security_manager.add_role(role_name)
    wanted = []
    for permission, view in LEADERSHIP_PERMISSIONS:
        found = security_manager.find_permission_view_menu(permission, view)
        if found is None:
            sys.exit("Cannot create the role " + role_name + ": Superset has no permission " + permission + " on " + view)
        wanted.append(found)
    for uuid in bundle_dataset_uuids(bundle_contents(path)):
        dataset = db.session.query(SqlaTable).filter_by(uuid=uuid).one_or_none()
        if dataset is None:
            sys.exit("Cannot create the role " + role_name + ": dataset " + uuid + " is not imported (import the bundle first)")
        wanted.append(security_manager.add_permission_view_menu("datasource_access", dataset.perm))
    role.permissions = wanted
    db.session.commit()
    if security_manager.find_user(username=username) is None:
        password = os.environ.get(LEADERSHIP_PASSWORD_ENV) or secrets.token_urlsafe(12)
        security_manager.add_user(username, "Lãnh đạo", "tỉnh", username + "@provpulse.local", role, password=password)
        shown = "from " + LEADERSHIP_PASSWORD_ENV if os.environ.get(LEADERSHIP_PASSWORD_ENV) else password + " (shown once)"
        print("Created user " + username + " with role " + role_name + ", password " + shown)
    print("Role " + role_name + ": " + str(len(wanted)) + " permissions (dashboards of the bundle, read only, no SQL Lab)")


def admin(username):
    from superset import security_manager

    if security_manager.find_user(username=username) is None:
        password = os.environ.get(ADMIN_PASSWORD_ENV)
        if not password:
            sys.exit("Cannot create the admin user " + username + ": " + ADMIN_PASSWORD_ENV + " is not set")
        security_manager.add_user(username, "Quản trị", "ProvPulse", username + "@provpulse.local", security_manager.find_role("Admin"), password=password)
        print("Created user " + username + " with role Admin")


def main(argv):
    from superset.app import create_app
    from superset import db, security_manager
    from superset.utils.core import override_user

    app = create_app()
    with app.app_context():
        if argv[:1] == ["admin"] and len(argv) == 2:
            admin(argv[1])
            db.session.commit()
            return
        administrator = security_manager.find_user(username=os.environ.get("PROVPULSE_SUPERSET_ADMIN", "admin"))
        with override_user(administrator):
            if argv[:1] == ["import"] and len(argv) == 2:
                import_bundle(argv[1])
            elif argv[:1] == ["leadership"] and len(argv) == 4:
                leadership(argv[1], argv[2], argv[3])
            else:
                sys.exit("Usage: superset_provision.py admin USER | import BUNDLE.zip | leadership ROLE USER BUNDLE.zip")
        db.session.commit()


if __name__ == "__main__":
    main(sys.argv[1:])
