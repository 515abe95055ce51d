import { expose } from 'comlink'
import { installIngestErrorTransfer } from './ingest-error-transfer'
import { IngestWorkspace } from './ingest-workspace'

installIngestErrorTransfer()
expose(new IngestWorkspace())
