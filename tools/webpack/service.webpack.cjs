const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

/**
 * The webpack config every service shares: main.js runs the service; migrate.js and
 * provision.js are its one-shot jobs. node_modules stay external (the Dockerfile installs them).
 */
module.exports = function serviceWebpackConfig(projectDir, service) {
  return {
    output: {
      path: join(__dirname, '../../dist/apps', service),
      clean: true,
      ...(process.env.NODE_ENV !== 'production' && {
        devtoolModuleFilenameTemplate: '[absolute-resource-path]',
      }),
    },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        additionalEntryPoints: [
          { entryName: 'migrate', entryPath: join(projectDir, 'src/migrate.ts') },
          { entryName: 'provision', entryPath: join(projectDir, 'src/provision.ts') },
        ],
        tsConfig: './tsconfig.app.json',
        assets: [],
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: true,
        sourceMap: true,
      }),
    ],
  };
};
