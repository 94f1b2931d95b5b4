# yaodian: settings for every login shell on this server (installed by the yaodian package).
# Everything is commented out; uncomment what this server needs. The package keeps your
# edits when it is upgraded (a conffile).

# The shared database every operator opens (created by: yaodian init --shared DIR --group G).
#export YAODIAN_DB=/srv/yaodian/yaodian.redb

# Where the board's E writes the ledger (台账); default: the current directory.
#export YAODIAN_EXPORT_DIR="$HOME"
