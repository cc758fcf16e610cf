const nxPreset = require('@nx/jest/preset').default;

// Decorators (class-transformer, Nest, TypeORM) need reflect-metadata loaded first.
module.exports = { ...nxPreset, setupFiles: [require.resolve('reflect-metadata')] };
