//! A backup file and restoring from one. The backup is written beside its final name as
//! `NAME.partial`, readable by its owner only (it holds everything the boards hold), synced
//! to disk, checked, and only then renamed into place: an interrupted backup never looks
//! finished, and an existing file is replaced only when the caller says so.
//!
//! On SQLite the copy is SQLite's own online backup (`VACUUM INTO`), one read snapshot while
//! the server goes on reading and writing. On PostgreSQL it is every table read in one
//! `REPEATABLE READ, READ ONLY` transaction into a new SQLite file (`Store::copy_into`).

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use crate::dialect::{self, catalogue};
use crate::error::{Result, StoreError};
use crate::operations::Copied;
use crate::{Store, migrate};

impl Store {
    /// Write a consistent backup of the whole database to the new SQLite file `out`, while
    /// others go on using it; `overwrite` allows replacing a file already there. The backup is
    /// opened afterwards and checked: its tables counted, its change logs verified.
    #[tracing::instrument(skip_all)]
    pub async fn backup(&self, out: &Path, overwrite: bool) -> Result<Copied> {
        if out.exists() && !overwrite {
            return Err(StoreError::Conflict {
                what: format!(
                    "{} already exists; nothing was written. Choose a new name, or say that it \
                     may be replaced",
                    out.display()
                ),
            });
        }
        let partial = partial_name(out);
        let file = new_private_file(&partial)?;
        drop(file);
        let written = self.backup_into(&partial).await;
        let finished = written.and_then(|copied| {
            File::open(&partial)
                .and_then(|f| f.sync_all())
                .and_then(|()| std::fs::rename(&partial, out))
                .and_then(|()| sync_folder(out))
                .map_err(file_error(out))?;
            Ok(copied)
        });
        if finished.is_err() {
            // Ours alone (created new above): an unfinished backup must not be mistaken for one.
            let _ = std::fs::remove_file(&partial);
        }
        finished
    }

    async fn backup_into(&self, partial: &Path) -> Result<Copied> {
        let path = partial.display().to_string();
        match catalogue::snapshot_into_file(self.backend) {
            Some(sql) => {
                sqlx::query(sql).bind(&path).execute(&self.pool).await?;
                let copy = Store::connect(&path).await?;
                let checked = copy.check().await;
                copy.close().await;
                checked
            }
            None => self.copy_into(&path).await,
        }
    }

    /// Restore the backup file `backup` into the empty database at `target`. The backup is
    /// never changed: a private copy of it is read (and first brought up to this Boardplan's
    /// schema, if an older one wrote it). A target that holds any row is refused untouched.
    #[tracing::instrument(skip_all)]
    pub async fn restore(backup: &Path, target: &str) -> Result<Copied> {
        let mut header = [0u8; 16];
        let read = File::open(backup).and_then(|mut f| {
            use std::io::Read;
            f.read_exact(&mut header)
        });
        match read {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::not_found(format!(
                    "the backup file {}",
                    backup.display()
                )));
            }
            Ok(()) if &header == b"SQLite format 3\0" => {}
            _ => {
                return Err(StoreError::invalid(format!(
                    "{} is not a Boardplan backup (not a SQLite file); give a file made by \
                     `boardplan backup`",
                    backup.display()
                )));
            }
        }
        let folder = tempfile::Builder::new()
            .prefix("boardplan-restore")
            .tempdir()
            .map_err(file_error(&std::env::temp_dir()))?;
        let copy = folder.path().join("backup.db");
        std::fs::copy(backup, &copy).map_err(file_error(&copy))?;
        let path = copy.display().to_string();
        refuse_unless_boardplan(&path, backup).await?;
        let source = Store::connect(&path).await?;
        let copied = source.copy_into(target).await;
        source.close().await;
        copied
    }
}

/// A SQLite file without Boardplan's migration record is some other program's.
async fn refuse_unless_boardplan(path: &str, shown: &Path) -> Result<()> {
    sqlx::any::install_default_drivers();
    let target = dialect::Target::parse(path)?;
    let pool = dialect::pool_options(target.backend)
        .max_connections(1)
        .connect(&target.url)
        .await?;
    let mut conn = pool.acquire().await?;
    let tables = catalogue::tables(&mut conn).await;
    let version = match tables {
        Ok(t) if t.iter().any(|t| t.name == "schema_migrations") => {
            migrate::current_version(&mut conn).await.map(Some)
        }
        Ok(_) => Ok(None),
        Err(e) => Err(e),
    };
    drop(conn);
    pool.close().await;
    match version? {
        Some(v) if v > 0 => Ok(()),
        _ => Err(StoreError::invalid(format!(
            "{} is a SQLite file but not a Boardplan database; give a file made by \
             `boardplan backup`",
            shown.display()
        ))),
    }
}

/// `out` with `.partial` added to its name, in the same folder (so the rename is atomic).
fn partial_name(out: &Path) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    out.with_file_name(name)
}

/// A new, empty file that only its owner may read.
fn new_private_file(path: &Path) -> Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => StoreError::Conflict {
            what: format!(
                "{} exists: another backup to the same name may be under way. If none is, it \
                 is left from one that was interrupted; remove it and try again",
                path.display()
            ),
        },
        _ => file_error(path)(e),
    })
}

/// A file that could not be read or written, named, with what the system said.
fn file_error(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |e| StoreError::invalid(format!("could not use the file {}: {e}", path.display()))
}

/// Make the rename into `file`'s folder survive a power cut.
fn sync_folder(file: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    if let Some(folder) = file.parent() {
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        File::open(folder)?.sync_all()?;
    }
    Ok(())
}
