#!/usr/bin/env node
// Committed entry so npm can link the bin at install time; the bundle is built by `prepare`.
import '../dist/kctl.mjs';
