import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { routePreload } from './buildTools/routePreload.ts';

const root = import.meta.dirname;

/** Two apps, one build: index.html (distributor staff) and retailer.html (retailer portal). */
export default defineConfig({
  root,
  plugins: [
    preact(),
    // retailer.html opened on a lazily loaded screen fetches its code alongside the page's own.
    routePreload('retailer.html', {
      order: 'src/retailer/screens/order/PlaceOrderScreen.tsx',
      stock: 'src/retailer/screens/stock/StockCheckScreen.tsx',
      orders: 'src/retailer/screens/orders/OrdersScreen.tsx',
      support: 'src/retailer/screens/support/SupportScreen.tsx',
    }),
  ],
  // Loopback only: the local stack trusts unsigned tokens (docs/local-database.md).
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      input: {
        distributor: resolve(root, 'index.html'),
        retailer: resolve(root, 'retailer.html'),
      },
      // Named vendor chunks, shared by both pages and cached across app releases.
      output: {
        codeSplitting: {
          groups: [
            { name: 'firebase', test: /node_modules[\\/](firebase|@firebase)[\\/]/ },
            { name: 'preact', test: /node_modules[\\/](preact|@preact)[\\/]/ },
          ],
        },
      },
    },
  },
});
